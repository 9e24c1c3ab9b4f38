import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { argumentAt, openFlagsOf, optionProperty } from '../analysis/call-options.js';
import { type Relation, type Touch, callsAround, canRunAfter, decidingCall, enclosingFunctionOf, isWithin, resultMembers, truthinessFor } from '../analysis/flow.js';
import { type FileFacts, type FsCall, FS_MODULES, fsNamePattern, getFileFacts, isSharedTmpLocation, loads, mentions } from '../analysis/index.js';
import { isSamePath } from '../analysis/same-path.js';
import { wrapperCalls } from '../analysis/wrappers.js';
import { createRule } from '../util/create-rule.js';
import { shorten } from '../util/messages.js';

type MessageIds = 'checkThenUse' | 'linkReplanted' | 'statFollowsSymlinks' | 'useExclusiveFlag' | 'useLstat';

const OPEN = 'openNoFollow';
const CREATE = 'createOrFail';
const REMOVE = 'removeIfExists';
const SNAPSHOT = 'snapshotPath';
const ASSERT = 'assertUnchanged';

/** What a use does to the path, which decides whether a check before it is a defect and what to do instead. */
type UseKind = 'overwrite' | 'metadata' | 'target' | 'create' | 'delete';

/** What to do instead, and with which helpers, by what the use does. */
const ADVICE: Record<UseKind, { advice: string; helper: string }> = {
  overwrite: {
    advice: "Skip the check and let one exclusive create decide (flag 'wx'), or open once and work on the descriptor",
    helper: `${CREATE}() or ${OPEN}()`,
  },
  metadata: {
    advice: 'Open once and change the descriptor (fchmod, fchown, futimes), or verify the path right before the call',
    helper: `${OPEN}() or ${SNAPSHOT}() with ${ASSERT}()`,
  },
  target: {
    advice: 'Verify the destination right before the call, or use a form that fails when it exists (COPYFILE_EXCL; link, then unlink)',
    helper: `${SNAPSHOT}() with ${ASSERT}()`,
  },
  create: {
    advice: 'Drop the check and treat EEXIST as "already there"; where what is there matters, verify it',
    helper: `${SNAPSHOT}() with ${ASSERT}()`,
  },
  delete: { advice: 'Remove without following a symlink, treating ENOENT as done', helper: `${REMOVE}()` },
};

/** Why a removal after a check is a race, and what to do instead; unlink/rm themselves never follow a final symlink. */
const REMOVAL_ADVICE = {
  // In a directory others write to, what is removed need not be what was checked, and the freed name is anyone's.
  shared: ADVICE.delete,
  // "It is a link: remove it, then write": the link can be planted again in between.
  relinked: { advice: "Create it exclusively after the removal (flag 'wx', which fails on a planted link), or write a fresh name and rename it over", helper: `${CREATE}()` },
};

/**
 * Checks: calls whose result says whether, or as what, a path exists. `utimes` fails on a missing
 * path, so "touch" code uses it as one (`try { utimesSync(p, t, t); } catch { openSync(p, 'w'); }`).
 */
const CHECK_EFFECT_LIST = ['exists', 'access', 'stat', 'lstat', 'utimes'] as const;
const CHECK_EFFECTS = new Set<string>(CHECK_EFFECT_LIST);
/** A file that names none of the checking calls has nothing for this rule. */
const CHECK_NAMES = fsNamePattern(CHECK_EFFECT_LIST);
/** Checks that decide by throwing or rejecting, so a bare `accessSync(p);` still decides what follows. */
const THROWING_CHECKS = new Set(['access', 'stat', 'lstat', 'utimes']);
/** The `Stats` methods that ask what kind of entry a path is; after `stat` they describe a symlink's target. */
const TYPE_METHODS = new Set(['isFile', 'isDirectory', 'isSymbolicLink']);
/** Variants that act on a symlink itself rather than follow it. */
const NON_FOLLOWING = new Set(['lchmod', 'lchown', 'lutimes']);

function displayName(call: FsCall): string {
  return call.info.style === 'sync' && call.info.effect !== 'write-stream' ? `${call.info.name}Sync` : call.info.name;
}

function pathArgument(call: FsCall, index: number | undefined): TSESTree.Expression | undefined {
  if (index === undefined) return undefined;
  const spread = call.node.arguments.findIndex((a) => a.type === 'SpreadElement');
  if (spread >= 0 && spread <= index) return undefined;
  const argument = call.node.arguments[index];
  return argument && argument.type !== 'SpreadElement' ? argument : undefined;
}

function isStaticTrue(facts: FileFacts, node: TSESTree.Node): boolean {
  return facts.staticValue(node) === true;
}

/** An option that, when statically present with this value, makes the call refuse to replace an existing entry. */
function hasOption(facts: FileFacts, call: FsCall, index: number, key: string, value: boolean): boolean | undefined {
  const argument = argumentAt(call, index);
  if (argument === 'absent') return false;
  if (argument === 'unknown') return undefined;
  const lookup = optionProperty(facts, argument, key);
  if (lookup === 'absent') return false;
  if (lookup === 'unknown') return undefined;
  const found = facts.staticValue(lookup.found);
  return typeof found === 'boolean' ? found === value : undefined;
}

/**
 * What a use does to its target path, or undefined where a check before it is no race worth
 * reporting: reads, exclusive creates ('wx', COPYFILE_EXCL, fs-extra's ensure* family),
 * recursive mkdir (succeeds on an existing directory either way), the l* variants, and calls
 * whose flags or options the file does not show.
 */
function useKind(facts: FileFacts, call: FsCall): UseKind | undefined {
  const { info } = call;
  switch (info.effect) {
    case 'write':
    case 'append':
    case 'write-stream':
    case 'open': {
      const flags = openFlagsOf(facts, call);
      // Exclusive or O_NOFOLLOW: a symlink planted in the window makes the open fail, not follow it.
      return flags?.write && !flags.exclusive && !flags.noFollow ? 'overwrite' : undefined;
    }
    case 'create-file':
    case 'truncate':
      return 'overwrite';
    case 'chmod':
    case 'chown':
    case 'utimes':
      return NON_FOLLOWING.has(info.name) ? undefined : 'metadata';
    case 'move':
      // fs-extra's move refuses an existing destination unless told to overwrite.
      if (info.name === 'move') return hasOption(facts, call, 2, 'overwrite', true) === true ? 'target' : undefined;
      return 'target';
    case 'copy': {
      if (info.name === 'copyFile') {
        const mode = argumentAt(call, 2);
        if (mode === 'unknown') return undefined;
        return mode === 'absent' || facts.staticValue(mode) === 0 ? 'target' : undefined;
      }
      // fs.cp and fs-extra copy: refusing forms say so in their options.
      const refuses = [hasOption(facts, call, 2, 'errorOnExist', true), hasOption(facts, call, 2, 'force', false), hasOption(facts, call, 2, 'overwrite', false)];
      return refuses.every((r) => r === false) ? 'target' : undefined;
    }
    case 'mkdir': {
      if (info.createsParents) return undefined;
      const options = argumentAt(call, 1);
      if (options === 'absent') return 'create';
      if (options === 'unknown') return undefined;
      if (typeof facts.staticValue(options) === 'number') return 'create';
      const recursive = optionProperty(facts, options, 'recursive');
      if (recursive === 'absent') return 'create';
      if (recursive === 'unknown') return undefined;
      return isStaticTrue(facts, recursive.found) || facts.staticValue(recursive.found) === undefined ? undefined : 'create';
    }
    case 'symlink':
    case 'link':
      return info.createsParents ? undefined : 'create';
    case 'delete':
      return 'delete';
    default:
      return undefined;
  }
}

/** Members of an error (the `err` of a callback) that only say why the check failed. */
const ERROR_MEMBERS = new Set(['code', 'errno', 'message']);
const PROMISE_MEMBERS = new Set(['then', 'catch', 'finally']);

/** A touch that asks what the entry is (type, owner, mode, size), not merely whether it is there. */
function isAttributeTouch(check: FsCall, touch: Touch): boolean {
  if (touch.member === undefined || PROMISE_MEMBERS.has(touch.member)) return false;
  return !(touch.param === 0 && check.info.effect !== 'exists' && ERROR_MEMBERS.has(touch.member));
}

/** What an existence check said when the use runs: the path was there, it was not, or either. */
function outcome(check: FsCall, relation: Relation): 'present' | 'absent' | 'either' {
  switch (relation.kind) {
    case 'sequence':
      return 'present';
    case 'catch':
      return 'absent';
    case 'callback': {
      // `.then(ok => …)` runs when the check succeeded, `.catch(…)` when it failed.
      const call = relation.callback.parent;
      const callee = call?.type === 'CallExpression' && call.callee.type === 'MemberExpression' && call.callee.property.type === 'Identifier' ? call.callee.property.name : undefined;
      if (call?.type === 'CallExpression' && call !== check.node && callee === 'then') return call.arguments[0] === relation.callback ? 'present' : 'absent';
      if (callee === 'catch' && call !== check.node) return 'absent';
      return 'either';
    }
    default: {
      const outcomes = relation.touches.map((touch) => {
        if (touch.member !== undefined) return 'either';
        const truthy = truthinessFor(relation, touch);
        if (truthy === undefined) return 'either';
        // An error parameter is truthy when the path is missing; a result or `exists` flag when it is there.
        const truthyMeansPresent = !(touch.param === 0 && check.info.effect !== 'exists');
        return truthy === truthyMeansPresent ? 'present' : 'absent';
      });
      if (outcomes.includes('absent')) return 'absent';
      return outcomes.length > 0 && outcomes.every((o) => o === 'present') ? 'present' : 'either';
    }
  }
}

/** `access(p, W_OK)`: a permission check, whose answer a swap falsifies however it came out. */
function isPermissionCheck(facts: FileFacts, check: FsCall): boolean {
  if (check.info.effect !== 'access') return false;
  const mode = argumentAt(check, 1);
  if (mode === 'absent') return false;
  return mode === 'unknown' || facts.staticValue(mode) !== 0;
}

/**
 * The `Stats` type method a stat result is asked before the use, where stat's following of
 * symlinks matters: before an overwrite, `isFile()` true or `isSymbolicLink()` false (the code
 * means to write only a plain file, and a symlink to one passes); before a delete,
 * `isDirectory()` true, the branch that walks into a symlinked directory (unlinking a symlink
 * that stat called a file just removes the link). Elsewhere lstat would be no better: after
 * "not a directory" the write creates what is absent, which is the plain check-then-create race.
 */
function touchedTypeMethod(relation: Relation, kind: UseKind): string | undefined {
  if (!('touches' in relation)) return undefined;
  return relation.touches.find((t) => {
    if (t.member === undefined || !TYPE_METHODS.has(t.member)) return false;
    const truthy = truthinessFor(relation, t);
    if (kind === 'delete') return t.member === 'isDirectory' && truthy === true;
    return t.member === 'isSymbolicLink' ? truthy === false : t.member === 'isFile' && truthy === true;
  })?.member;
}

/** `fs.statSync(p)` / `fsp.stat(p)` / `(0, fs_1.statSync)(p)`: the property to rename to lstat, when the callee is a member. */
function statProperty(call: FsCall): TSESTree.Identifier | undefined {
  let callee: TSESTree.Node = call.node.callee;
  if (callee.type === 'SequenceExpression') callee = callee.expressions.at(-1)!;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const name = callee.property.name;
  return name === 'stat' || name === 'statSync' ? callee.property : undefined;
}

/** Uses that act through a symlink planted at the name again, or that rely on the name being free (a non-atomic link swap). */
function relinkFollowUp(facts: FileFacts, call: FsCall): boolean {
  const kind = useKind(facts, call);
  return kind === 'overwrite' || kind === 'metadata' || (kind === 'target' && call.info.effect === 'copy') || call.info.effect === 'symlink';
}

/**
 * After `if (isLink(p)) unlinkSync(p)`: where the code goes on to use `p` by name in the same
 * function, the first later fs call on it that a re-planted link subverts, or else the first
 * call of anything else `p` is handed to (which the file cannot follow); undefined when `p` is
 * not used again (a clean-up).
 */
function useAfterRemoval(facts: FileFacts, removal: FsCall, statement: TSESTree.Node, target: TSESTree.Expression): TSESTree.CallExpression | undefined {
  const fn = enclosingFunctionOf(removal.node);
  const end = statement.range[1];
  const later = facts.fsCalls.find((c) => {
    if (c.node.range[0] <= end || enclosingFunctionOf(c.node) !== fn || !relinkFollowUp(facts, c) || !canRunAfter(removal.node, c.node)) return false;
    const path = pathArgument(c, c.info.target);
    return path !== undefined && isSamePath(facts, path, target);
  });
  if (later) return later.node;
  if (target.type !== 'Identifier') return undefined;
  const variable = facts.variableOf(target);
  return variable?.references
    .map((r) => r.identifier)
    .find((id) => {
      const call = id.parent;
      return (
        id.range[0] > end &&
        call?.type === 'CallExpression' &&
        call.arguments.includes(id as TSESTree.Identifier) &&
        !facts.api(call) &&
        enclosingFunctionOf(id) === fn &&
        canRunAfter(removal.node, id)
      );
    })?.parent as TSESTree.CallExpression | undefined;
}

/**
 * Why a removal that a check decides is a race, or undefined (the sound default: unlink and rm
 * never follow a final symlink, so "it exists, remove it" removes at worst a swapped-in entry):
 * the check asked whether it is a symlink and the code then uses the name again, or the path is a
 * guessable name in a shared temp directory.
 */
function removalRace(facts: FileFacts, check: FsCall, relation: Relation, target: TSESTree.Expression): keyof typeof REMOVAL_ADVICE | undefined {
  const touches = 'touches' in relation ? relation.touches : [];
  if (touches.some((t) => t.member === 'isSymbolicLink' && truthinessFor(relation, t) === true)) return 'relinked';
  const value = facts.pathValue(target);
  return isSharedTmpLocation(value) && (value.name === 'constant' || value.name === 'weak') ? 'shared' : undefined;
}

/** The part of the code a relation lets run (the branch holding the use, the code after a guard, a callback): one report each. */
function decidedRegion(relation: Relation): TSESTree.Node {
  switch (relation.kind) {
    case 'branch': {
      const { statement, use } = relation;
      if (statement.type === 'LogicalExpression') return statement.right;
      return statement.alternate && isWithin(use, statement.alternate) ? statement.alternate : statement.consequent;
    }
    case 'callback':
      return relation.callback;
    default:
      return relation.statement;
  }
}

function isTypeScript(filename: string): boolean {
  return /\.[cm]?tsx?$/u.test(filename);
}

/**
 * `if (!existsSync(p)) writeFileSync(p, d)` with nothing else in the `if`: the exclusive write
 * that does the same in one step, as the replacement text, or undefined where it would not be.
 */
function exclusiveRewrite(sourceCode: Readonly<TSESLint.SourceCode>, check: FsCall, use: FsCall, relation: Relation, ts: boolean): { node: TSESTree.Node; text: string } | undefined {
  if (relation.kind !== 'branch' || relation.statement.type !== 'IfStatement') return undefined;
  const statement = relation.statement;
  if (statement.alternate || check.info.effect !== 'exists' || check.info.style !== 'sync') return undefined;
  if (use.info.name !== 'writeFile' || use.info.style !== 'sync' || use.info.createsParents) return undefined;
  const test = statement.test;
  if (test.type !== 'UnaryExpression' || test.operator !== '!' || test.argument !== check.node) return undefined;
  const body = statement.consequent.type === 'BlockStatement' && statement.consequent.body.length === 1 ? statement.consequent.body[0] : statement.consequent;
  if (body?.type !== 'ExpressionStatement' || body.expression !== use.node) return undefined;
  const args = use.node.arguments;
  if (args.some((a) => a.type === 'SpreadElement') || args.length < 2 || args.length > 3) return undefined;
  let options = "{ flag: 'wx' }";
  const third = args[2];
  if (third) {
    if (third.type === 'Literal' && typeof third.value === 'string') options = `{ encoding: ${sourceCode.getText(third)}, flag: 'wx' }`;
    else if (third.type === 'ObjectExpression' && third.properties.every((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name !== 'flag')) {
      options = `{ ${[...third.properties.map((p) => sourceCode.getText(p)), "flag: 'wx'"].join(', ')} }`;
    } else return undefined;
  }
  const callee = use.node.callee.type === 'SequenceExpression' ? `(${sourceCode.getText(use.node.callee)})` : sourceCode.getText(use.node.callee);
  const [path, data] = args as [TSESTree.Expression, TSESTree.Expression];
  const call = `${callee}(${sourceCode.getText(path)}, ${sourceCode.getText(data)}, ${options})`;
  const code = ts ? '(error as NodeJS.ErrnoException).code' : 'error.code';
  return { node: statement, text: `try { ${call}; } catch (error) { if (${code} !== 'EEXIST') throw error; }` };
}

export default createRule<[], MessageIds>({
  name: 'no-check-then-use',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow changing a path after checking it with `exists`, `access` or `stat` (check-then-use races)',
      recommended: true,
      helpers: [OPEN, CREATE, REMOVE, SNAPSHOT, ASSERT],
      cwe: ['CWE-367', 'CWE-59', 'CWE-362'],
    },
    hasSuggestions: true,
    messages: {
      checkThenUse:
        "{{use}}() on '{{path}}' acts on the {{check}}() check on line {{line}}, but another process can create, replace or symlink '{{path}}' in between. {{advice}}: {{helper}} from 'eslint-plugin-secure-fs/runtime'.",
      linkReplanted:
        "{{check}}() on line {{line}} found '{{path}}' to be a symlink and {{removal}}() on line {{removalLine}} removes it, but another process can plant a link there again before {{use}} uses '{{path}}' by name. {{advice}}: {{helper}} from 'eslint-plugin-secure-fs/runtime'.",
      statFollowsSymlinks:
        "{{check}}() on line {{line}} follows symlinks, so its {{method}}() describes what '{{path}}' points to, not the entry {{use}}() deletes or overwrites here: use lstat. {{advice}}: {{helper}} from 'eslint-plugin-secure-fs/runtime'.",
      useExclusiveFlag: "Write with flag 'wx' and ignore only EEXIST, instead of checking first.",
      useLstat: 'Check with lstat, which describes a symlink itself.',
    },
    schema: [],
  },
  create(context) {
    if (!loads(context.sourceCode, FS_MODULES) || !mentions(context.sourceCode, CHECK_NAMES)) return {};
    return {
      'Program:exit'() {
        const facts = getFileFacts(context);
        const direct = facts.fsCalls.filter((c) => CHECK_EFFECTS.has(c.info.effect) && c.info.name !== 'statfs' && c.info.paths.includes(0) && pathArgument(c, 0));
        if (direct.length === 0) return;
        const checks = [...direct, ...wrapperCalls(facts, direct)];
        const reported = new Set<TSESTree.Node>();
        const regions = new Set<string>();
        for (const use of facts.fsCalls) {
          const kind = useKind(facts, use);
          const target = kind && pathArgument(use, use.info.target);
          if (!kind || !target) continue;
          const same = callsAround(checks, use.node).filter((c) => isSamePath(facts, pathArgument(c, 0)!, target));
          // Below a directory made private (a mkdtemp result), no other user can swap anything in the window.
          if (same.length === 0 || facts.pathValue(target).root === 'private-temp') continue;
          const found = decidingCall(facts, use, same);
          if (!found) continue;
          const { check, relation } = found;
          // Sequencing decides only for checks that throw; a bare `existsSync(p);` decides nothing.
          if ((relation.kind === 'sequence' || relation.kind === 'catch') && !THROWING_CHECKS.has(check.info.effect)) continue;

          const method = check.info.effect === 'stat' && (kind === 'overwrite' || kind === 'delete') ? touchedTypeMethod(relation, kind) : undefined;
          const useName = displayName(use);
          const checkName = displayName(check);
          const path = shorten(context.sourceCode.getText(target).replace(/\s+/gu, ' '), 40);
          const line = String(check.node.loc.start.line);
          if (method !== undefined) {
            const property = statProperty(check);
            const members = resultMembers(facts, check);
            const soundFix = property && members?.every((m) => TYPE_METHODS.has(m));
            context.report({
              node: use.node,
              messageId: 'statFollowsSymlinks',
              data: { use: useName, check: checkName, path, line, method, advice: ADVICE[kind].advice, helper: ADVICE[kind].helper },
              suggest: soundFix
                ? [{ messageId: 'useLstat', fix: (fixer) => fixer.replaceText(property, property.name === 'stat' ? 'lstat' : 'lstatSync') }]
                : [],
            });
            continue;
          }
          // unlink/rm/rmdir never follow a final symlink: after most checks a swap in the window removes
          // the swapped-in entry itself, and a concurrent removal at worst raises ENOENT.
          if (kind === 'delete') {
            const race = removalRace(facts, check, relation, target);
            if (race === 'relinked') {
              const statement = 'statement' in relation ? relation.statement : use.node;
              const next = useAfterRemoval(facts, use, statement, target);
              // Reported where the name is used again when the file shows it, else at the removal.
              const node = next?.type === 'CallExpression' && facts.api(next) ? next : use.node;
              if (!next || reported.has(node)) continue;
              reported.add(node);
              const nextName = `${shorten(context.sourceCode.getText(next.callee), 30)}()`;
              context.report({
                node,
                messageId: 'linkReplanted',
                data: { use: nextName, removal: useName, check: checkName, path, line, removalLine: String(use.node.loc.start.line), advice: REMOVAL_ADVICE.relinked.advice, helper: REMOVAL_ADVICE.relinked.helper },
              });
            } else if (race) {
              context.report({ node: use.node, messageId: 'checkThenUse', data: { use: useName, check: checkName, path, line, advice: REMOVAL_ADVICE[race].advice, helper: REMOVAL_ADVICE[race].helper } });
            }
            continue;
          }
          // A check that the path exists, followed by a change to what exists, claims nothing a swap
          // could falsify (existsSync/stat follow symlinks, so a symlink planted before passes too):
          // only the "not there" outcome (create-if-absent) or an attribute or permission check is a race.
          const attribute = 'touches' in relation && relation.touches.some((t) => isAttributeTouch(check, t));
          if (!attribute && !isPermissionCheck(facts, check) && outcome(check, relation) === 'present') continue;
          // Several changes the same check lets through (copy, then chmod) are one race: report the first.
          const region = `${check.node.range[0]}:${decidedRegion(relation).range[0]}:${path}`;
          if (regions.has(region)) continue;
          regions.add(region);
          const rewrite = exclusiveRewrite(context.sourceCode, check, use, relation, isTypeScript(context.filename));
          context.report({
            node: use.node,
            messageId: 'checkThenUse',
            data: { use: useName, check: checkName, path, line, advice: ADVICE[kind].advice, helper: ADVICE[kind].helper },
            suggest: rewrite ? [{ messageId: 'useExclusiveFlag', fix: (fixer) => fixer.replaceText(rewrite.node, rewrite.text) }] : [],
          });
        }
      },
    };
  },
});
