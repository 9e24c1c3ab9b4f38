import { type FormName, type InvalidSpec, type SuggestionSpec, invalidForms, validForms } from '../helpers/forms.js';

// Forms that keep `fs.x` spelled as written, for code where a local `fs` shadows the module.
const NON_REWRITING: FormName[] = ['cjs', 'cjs-undeclared', 'esm-default', 'esm-namespace', 'ts-import-equals', 'ts-esm'];
// Forms where `fs.statSync` stays a member call, so the lstat suggestion can rename the property.
const MEMBER_FORMS: FormName[] = ['cjs', 'cjs-undeclared', 'compiled-interop', 'esm-default', 'esm-namespace', 'ts-import-equals', 'ts-esm'];
const NAMED_FORMS: FormName[] = ['cjs-destructured', 'esm-named-renamed'];
const JS_FORMS: FormName[] = ['cjs', 'cjs-undeclared', 'cjs-destructured', 'compiled-interop', 'esm-default', 'esm-namespace', 'esm-named-renamed'];
const TS_FORMS: FormName[] = ['ts-import-equals', 'ts-esm'];
// Forms that keep `path` a binding of the module, as `path.join.apply(path, arguments)` needs.
const PATH_MODULE_FORMS: FormName[] = ['cjs', 'cjs-undeclared', 'esm-default', 'esm-namespace', 'ts-esm'];

const OVERWRITE = { advice: "Skip the check and let one exclusive create decide (flag 'wx'), or open once and work on the descriptor", helper: 'createOrFail() or openNoFollow()' };
const CREATE = { advice: 'Drop the check and treat EEXIST as "already there"; where what is there matters, verify it', helper: 'snapshotPath() with assertUnchanged()' };
const DELETE = { advice: 'Remove without following a symlink, treating ENOENT as done', helper: 'removeIfExists()' };

/** Line and column (1-based) of the `nth` occurrence of `needle` in `code`. */
function at(code: string, needle: string, nth = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = code.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`${needle} not in ${code}`);
  }
  const before = code.slice(0, index).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function report(code: string, needle: string, nth = 0, extra: { data?: Record<string, string>; suggestions?: SuggestionSpec[] } = {}) {
  return { messageId: 'checkThenUse', ...at(code, needle, nth), ...extra };
}

function statReport(code: string, needle: string, nth = 0, suggestions?: SuggestionSpec[]) {
  return { messageId: 'statFollowsSymlinks', ...at(code, needle, nth), ...(suggestions ? { suggestions } : {}) };
}

/** A case whose only report is the `checkThenUse` of the last occurrence of `needle`. */
function one(code: string, needle: string, extra: { forms?: FormName[]; data?: Record<string, string>; suggestions?: SuggestionSpec[] } = {}): InvalidSpec {
  const nth = code.split(needle).length - 2;
  const { forms, ...rest } = extra;
  return { code, ...(forms ? { forms } : {}), errors: [report(code, needle, nth, rest)] };
}

/** A case whose only report is the `linkReplanted` of the last occurrence of `needle`. */
function relinked(code: string, needle: string, forms?: FormName[]): InvalidSpec {
  const nth = code.split(needle).length - 2;
  return { code, ...(forms ? { forms } : {}), errors: [{ messageId: 'linkReplanted', ...at(code, needle, nth) }] };
}

/** The `'wx'` suggestion, as JavaScript and as TypeScript (whose catch variable is `unknown`). */
function exclusive(code: string, needle: string, replaced: string, call: string): InvalidSpec[] {
  const rewrite = (errorCode: string) => code.replace(replaced, `try { ${call}; } catch (error) { if (${errorCode} !== 'EEXIST') throw error; }`);
  return [
    one(code, needle, { forms: JS_FORMS, suggestions: [{ messageId: 'useExclusiveFlag', output: rewrite('error.code') }] }),
    one(code, needle, { forms: TS_FORMS, suggestions: [{ messageId: 'useExclusiveFlag', output: rewrite('(error as NodeJS.ErrnoException).code') }] }),
  ];
}

/** A stat-form case: the lstat suggestion where the callee is a member, none for named imports. */
function viaStat(code: string, needles: readonly string[], lstat: { from: string; to: string } | undefined): InvalidSpec[] {
  const errors = (suggest: boolean) =>
    needles.map((needle) =>
      statReport(code, needle, 0, suggest && lstat ? [{ messageId: 'useLstat', output: code.replace(lstat.from, lstat.to) }] : []),
    );
  return lstat
    ? [
        { code, forms: MEMBER_FORMS, errors: errors(true) },
        { code, forms: NAMED_FORMS, errors: errors(false) },
      ]
    : [{ code, errors: errors(false) }];
}

export const valid = validForms([
  // Below a mkdtemp result nobody else can swap anything in the window.
  "const work = fs.mkdtempSync(path.join(os.tmpdir(), 'render-'));\nfor (const job of jobs) {\n  const out = path.join(work, `${job.id}.png`);\n  if (!fs.existsSync(out)) fs.writeFileSync(out, job.render());\n}",
  // O_NOFOLLOW refuses a symlink planted in the window, as 'wx' does.
  "const { O_WRONLY, O_APPEND, O_NOFOLLOW } = fs.constants;\nif (fs.lstatSync(file).isSymbolicLink()) throw new Error('link');\nconst fd = fs.openSync(file, O_WRONLY | O_APPEND | O_NOFOLLOW);",
  // Reads after a check: low risk, and the most common use of existsSync.
  "if (fs.existsSync(p)) { config = JSON.parse(fs.readFileSync(p, 'utf8')); }",
  'if (fs.existsSync(p)) fs.createReadStream(p).pipe(out);',
  "if (fs.existsSync(p)) { const fd = fs.openSync(p, 'r'); use(fd); }",
  'if (fs.existsSync(dir)) { for (const f of fs.readdirSync(dir)) list.push(f); }',
  'fs.access(p, (err) => { if (!err) fs.readFile(p, done); });',
  'async function f() { if (await fs.promises.stat(p).then(() => true, () => false)) return fs.promises.readFile(p); }',
  // Different paths.
  'if (!fs.existsSync(a)) fs.writeFileSync(b, data);',
  "if (!fs.existsSync(path.join(dir, 'a.json'))) fs.writeFileSync(path.join(dir, 'b.json'), data);",
  "const tmp = p + '.tmp';\nif (!fs.existsSync(p)) fs.writeFileSync(tmp, data);",
  'if (!fs.existsSync(dest)) fs.renameSync(dest, elsewhere);',
  'if (!fs.existsSync(path.join(dir, String(Date.now())))) fs.writeFileSync(path.join(dir, String(Date.now())), data);',
  'let p = first;\nif (!fs.existsSync(p)) { p = second; fs.writeFileSync(p, data); }',
  "if (!fs.existsSync(opts.input)) fs.writeFileSync(opts.output, '');",
  // Checks whose result does not decide the use.
  'const st = fs.statSync(p);\nconsole.log(st.size);\nfs.writeFileSync(p, data);',
  'const exists = fs.existsSync(p);\nlog(exists);\nfs.writeFileSync(p, data);',
  "fs.existsSync(p);\nfs.writeFileSync(p, data);",
  "const exists = fs.existsSync(p);\nif (exists) console.log('overwriting');\nfs.writeFileSync(p, data);",
  'fs.stat(p, (err, st) => { if (!err) console.log(st.size); });\nfs.writeFileSync(p, data);',
  'fs.access(p, done);\nfs.writeFile(p, data, done);',
  'async function f() { fs.promises.access(p); await fs.promises.writeFile(p, data); }',
  // A check in a different function.
  'function exists() { return fs.existsSync(p); }\nfunction save() { fs.writeFileSync(p, data); }',
  'function f() { if (fs.existsSync(p)) return; function later() { fs.writeFileSync(p, data); } return later; }',
  // Exclusive creates fail atomically if anything appeared in the window.
  "if (!fs.existsSync(p)) fs.writeFileSync(p, data, { flag: 'wx' });",
  "if (!fs.existsSync(p)) fs.openSync(p, 'wx');",
  "if (!fs.existsSync(p)) fs.createWriteStream(p, { flags: 'wx' });",
  'if (!fs.existsSync(p)) fs.openSync(p, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY);',
  'if (!fs.existsSync(dest)) fs.copyFileSync(src, dest, fs.constants.COPYFILE_EXCL);',
  "async function f() { try { await fs.promises.access(p); } catch { await fs.promises.writeFile(p, data, { flag: 'wx' }); } }",
  // Recursive mkdir succeeds on an existing directory and creates nothing through a symlink: the check is redundant, not a race.
  'if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });',
  'fs.existsSync(dir) || fs.mkdirSync(dir, { recursive: true });',
  'async function f() { if (!(await fs.promises.stat(dir).catch(() => null))) await fs.promises.mkdir(dir, { recursive: true }); }',
  'if (!fs.existsSync(dir)) fs.mkdirSync(dir, options);',
  // Clean-up: unlink/rm never follow a final symlink, so a swap only removes the swapped-in entry.
  'if (fs.existsSync(p)) fs.unlinkSync(p);',
  'if (fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true });',
  'fs.access(p, (err) => { if (!err) fs.unlink(p, done); });',
  'if (fs.lstatSync(p).isSymbolicLink()) fs.unlinkSync(p);',
  // After stat, unlinking what it called a file (or not a directory) only removes a symlink itself.
  'if (fs.statSync(p).isFile()) fs.unlinkSync(p);',
  'const st = fs.statSync(p);\nif (st.isDirectory()) walk(p);\nelse fs.unlinkSync(p);',
  'const st = fs.lstatSync(p);\nif (st.isDirectory()) fs.rmdirSync(p);\nelse fs.unlinkSync(p);',
  // "It exists" before changing what exists claims nothing a swap could falsify: existsSync and
  // access follow symlinks, so a symlink planted before the check passes it too.
  'if (fs.existsSync(p)) fs.appendFileSync(p, line);',
  "if (fs.existsSync(p)) { const fd = fs.openSync(p, 'r+'); use(fd); }",
  'function f() {\n  if (!fs.existsSync(p)) {\n    throw new Error("missing");\n  }\n  fs.truncateSync(p, 0);\n}',
  'async function f() { if (!name || !fs.existsSync(name)) throw new Error(`no ${name}`); await fs.promises.writeFile(name, text); }',
  'async function f() {\n  await fs.promises.access(p);\n  await fs.promises.writeFile(p, data);\n}',
  'fs.promises.access(p).then(() => fs.promises.chmod(p, 0o644));',
  'if (fs.existsSync(this.file)) fs.chownSync(this.file, uid, gid);',
  "if (!fs.existsSync(p)) { fs.writeFileSync(p, '{}', { flag: 'wx' }); } else { fs.writeFileSync(p, merge(fs.readFileSync(p, 'utf8'))); }",
  // Calls that act on a symlink itself.
  'if (fs.existsSync(p)) fs.lchownSync(p, uid, gid);',
  // statfs describes the file system, not the entry.
  'if (fs.statfsSync(p).bavail > 0) fs.writeFileSync(p, data);',
  'for (const f of files) { if (fs.statSync(f).isDirectory()) continue; out.push(fs.readFileSync(f)); }',
  // `this` is the same object only under the same binder: a nested `function` has its own.
  'function Store() {}\nStore.prototype.save = function () {\n  if (!fs.existsSync(this.file)) list.forEach(function () { fs.writeFileSync(this.file, data); });\n};',
  // A destructured stat result that only feeds a log decides nothing.
  'const { size } = fs.statSync(p);\nconsole.log(size);\nfs.writeFileSync(p, data);',
  // A `let` assigned twice does not hold the check's result for sure.
  'let st = null;\ntry { st = fs.statSync(p); } catch { st = fallback; }\nif (st.isFile()) fs.writeFileSync(other, data);',
  // Wrappers: another argument than the path, a result other than the check's, a path the wrapper builds.
  'function isLinkIn(dir, name) { return fs.lstatSync(path.join(dir, name)).isSymbolicLink(); }\nfunction f(d, n) { if (isLinkIn(d, n)) fs.unlinkSync(d); fs.writeFileSync(d, x); }',
  'function probe(p) { fs.statSync(p); return 0; }\nif (!probe(p)) fs.writeFileSync(p, data);',
  "function settings(name) { return fs.existsSync(path.join(home, name)); }\nif (!settings(p)) fs.writeFileSync(p, data);",
  "function exists(p) { return fs.existsSync(p); }\nif (exists(p)) fs.unlinkSync(p);",
  // "It is a link: remove it" with nothing done by name afterwards (a clean-up), on another path, or exclusively.
  'function isLink(p) { return fs.lstatSync(p).isSymbolicLink(); }\nfunction clean(p) { if (isLink(p)) fs.unlinkSync(p); }',
  'if (fs.lstatSync(p).isSymbolicLink()) fs.unlinkSync(p);\nfs.writeFileSync(other, data);',
  "if (fs.lstatSync(p).isSymbolicLink()) fs.unlinkSync(p);\nfs.writeFileSync(p, data, { flag: 'wx' });",
  'if (!fs.lstatSync(p).isSymbolicLink()) fs.unlinkSync(p);\nfs.writeFileSync(other, data);',
  // A guard in a try whose catch swallows everything decides nothing.
  "function f() {\n  try {\n    if (fs.lstatSync(p).isSymbolicLink()) throw new Error('link');\n  } catch {}\n  fs.writeFileSync(p, data);\n}",
  // Removals outside a shared temp directory after "it exists", or of a private (mkdtemp) one; an error code is no attribute.
  'async function f() {\n  await fs.promises.access(p);\n  await fs.promises.unlink(p);\n}',
  "const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-'));\nconst sock = path.join(dir, 'app.sock');\nif (fs.existsSync(sock)) fs.unlinkSync(sock);",
  "const sock = path.join(os.tmpdir(), crypto.randomUUID());\nif (fs.existsSync(sock)) fs.unlinkSync(sock);",
  "fs.stat(p, (err, st) => { if (err && err.code === 'ENOENT') return; fs.unlink(p, done); });",
  // Clean-up by age outside a shared temp directory: the entries have names nobody else re-creates.
  'for (const name of fs.readdirSync(cache)) {\n  const entry = path.join(cache, name);\n  const st = fs.statSync(entry);\n  if (Date.now() - st.mtimeMs > maxAge) fs.rmSync(entry, { recursive: true, force: true });\n}',
  { code: "const fse = require('fs-extra');\nasync function f(out) { if (await fse.pathExists(out)) await fse.remove(out); }", forms: ['cjs'] },
  // A touch that only updates what exists, and utimes on a descriptor.
  'try { fs.utimesSync(file, t, t); } catch { log(file); }\nfs.utimesSync(file, t, t);\nfs.writeFileSync(file, data);',
  'fs.futimesSync(fd, t, t);\nfs.writeFileSync(p, data);',
  // Something merely called `fs` is not Node's fs.
  ...['function f(fs) { if (!fs.existsSync(p)) fs.writeFileSync(p, data); } fs.readFileSync(q);'].map((code) => ({ code, forms: NON_REWRITING })),
  { code: "if (!fs.existsSync(p as string)) fs.readFileSync(p as string, 'utf8');", forms: TS_FORMS },
  // A link removed, then nothing that can run after the removal uses the name: the other arm
  // of the enclosing `if`, and code past a `return` in the removing branch, never follow it.
  'function relink(p) {\n  if (fs.existsSync(p)) {\n    if (fs.lstatSync(p).isSymbolicLink()) fs.unlinkSync(p);\n  } else {\n    notify(p);\n  }\n}',
  'function clean(p) {\n  if (fs.lstatSync(p).isSymbolicLink()) {\n    fs.unlinkSync(p);\n    return;\n  }\n  notify(p);\n}',
]);

const guard = 'function save() {\n  if (fs.existsSync(p)) return;\n  fs.writeFileSync(p, data);\n}';
const binding = "const exists = fs.existsSync(file);\nif (!exists) {\n  fs.writeFileSync(file, '{}');\n}";
const twoUses = 'const st = fs.statSync(p);\nif (st.isDirectory()) fs.rmdirSync(p);\nelse fs.writeFileSync(p, data);';
const joined = "if (!fs.existsSync(path.join(dir, 'cfg.json'))) fs.writeFileSync(path.join(dir, 'cfg.json'), s);";

export const invalid = invalidForms([
  // Without O_NOFOLLOW the open follows a link planted after the check.
  one("const { O_WRONLY, O_APPEND } = fs.constants;\nif (!fs.lstatSync(file).isSymbolicLink()) {\n  const fd = fs.openSync(file, O_WRONLY | O_APPEND);\n}", 'fs.openSync'),
  // The classic: existence check, then create.
  ...exclusive('if (!fs.existsSync(p)) fs.writeFileSync(p, data);', 'fs.writeFileSync', 'if (!fs.existsSync(p)) fs.writeFileSync(p, data);', "fs.writeFileSync(p, data, { flag: 'wx' })"),
  ...exclusive(
    "if (!fs.existsSync(p)) {\n  fs.writeFileSync(p, text, 'utf8');\n}",
    'fs.writeFileSync',
    "if (!fs.existsSync(p)) {\n  fs.writeFileSync(p, text, 'utf8');\n}",
    "fs.writeFileSync(p, text, { encoding: 'utf8', flag: 'wx' })",
  ),
  ...exclusive(joined, 'fs.writeFileSync', joined, "fs.writeFileSync(path.join(dir, 'cfg.json'), s, { flag: 'wx' })"),
  ...exclusive(
    'if (!fs.existsSync(p)) fs.writeFileSync(p, key, { mode: 0o600 });',
    'fs.writeFileSync',
    'if (!fs.existsSync(p)) fs.writeFileSync(p, key, { mode: 0o600 });',
    "fs.writeFileSync(p, key, { mode: 0o600, flag: 'wx' })",
  ),
  // The message names both places and the helpers.
  // (`line` counts the one import line each form adds.)
  one(binding, 'fs.writeFileSync', {
    data: { use: 'writeFileSync', check: 'existsSync', path: 'file', line: '2', ...OVERWRITE },
    suggestions: [],
  }),
  // No rewrite when the `if` does more than the write.
  one('if (!fs.existsSync(p)) fs.writeFileSync(p, data);\nelse log(p);', 'fs.writeFileSync', { suggestions: [] }),
  one('if (!fs.existsSync(p)) { fs.writeFileSync(p, data); done(); }', 'fs.writeFileSync', { suggestions: [] }),
  // Overwriting or appending to what exists.
  one("if (!fs.existsSync(p)) fs.openSync(p, 'w');", 'fs.openSync'),
  one('if (!fs.existsSync(p)) fs.createWriteStream(p);', 'fs.createWriteStream'),
  one('fs.existsSync(p) ? load(p) : fs.writeFileSync(p, data);', 'fs.writeFileSync'),
  // An early-return guard.
  one(guard, 'fs.writeFileSync'),
  one('function f() {\n  if (fs.existsSync(p) && !force) {\n    return false;\n  }\n  return fs.openSync(p, "w");\n}', 'fs.openSync'),
  // Same path through bindings and path.join.
  one("const target = path.join(root, name);\nif (!fs.existsSync(target)) fs.createWriteStream(path.join(root, name));", 'fs.createWriteStream'),
  ...exclusive(
    "const CONFIG = path.join(__dirname, 'config.json');\nif (!fs.existsSync(CONFIG)) fs.writeFileSync(CONFIG, '{}', 'utf8');",
    'fs.writeFileSync',
    "if (!fs.existsSync(CONFIG)) fs.writeFileSync(CONFIG, '{}', 'utf8');",
    "fs.writeFileSync(CONFIG, '{}', { encoding: 'utf8', flag: 'wx' })",
  ),
  // Callbacks.
  one('fs.access(p, (err) => fs.writeFile(p, data, done));', 'fs.writeFile'),
  one('fs.access(p, fs.constants.W_OK, (err) => {\n  if (!err) fs.chmod(p, 0o600, done);\n});', 'fs.chmod'),
  one('fs.exists(p, (exists) => {\n  if (!exists) fs.writeFile(p, data, done);\n});', 'fs.writeFile'),
  // Promises and await.
  one('async function f() {\n  if (await fs.promises.access(p).then(() => false, () => true)) await fs.promises.writeFile(p, data);\n}', 'fs.promises.writeFile'),
  one('async function f() {\n  try {\n    await fs.promises.access(p);\n  } catch {\n    await fs.promises.writeFile(p, data);\n  }\n}', 'fs.promises.writeFile'),
  one('async function f() {\n  if (await fs.promises.stat(p).then(() => false, () => true)) await fs.promises.writeFile(p, data);\n}', 'fs.promises.writeFile'),
  one('fs.promises.access(p).catch(() => fs.promises.writeFile(p, data));', 'fs.promises.writeFile'),
  one('fs.promises.access(p, fs.constants.W_OK).then(() => fs.promises.chmod(p, 0o644));', 'fs.promises.chmod'),
  // Sync straight-line: accessSync throws when the check fails, so it decides what follows.
  one('fs.accessSync(p, fs.constants.W_OK);\nfs.chmodSync(p, 0o644);', 'fs.chmodSync'),
  // "Touch": utimes fails on a missing path, and the create in its catch or error callback follows a planted link.
  one("function touch(file, t) {\n  try {\n    fs.utimesSync(file, t, t);\n  } catch {\n    fs.closeSync(fs.openSync(file, 'w'));\n  }\n}", 'fs.openSync'),
  one("fs.utimes(file, t, t, (err) => {\n  if (err) fs.writeFile(file, '', done);\n});", 'fs.writeFile'),
  // The namespace of a dynamic import, awaited or through `.then`.
  {
    code: "export function init(p) {\n  return import('node:fs').then((fs) => {\n    if (!fs.existsSync(p)) fs.openSync(p, 'w');\n  });\n}",
    forms: ['esm-namespace'],
    errors: [report("export function init(p) {\n  return import('node:fs').then((fs) => {\n    if (!fs.existsSync(p)) fs.openSync(p, 'w');\n  });\n}", 'fs.openSync')],
  },
  // Several changes one check lets through are one race, reported once.
  one('if (!fs.existsSync(dest)) {\n  fs.copyFileSync(src, dest);\n  fs.chmodSync(dest, 0o755);\n}', 'fs.copyFileSync'),
  // Metadata and moves follow a symlink swapped in at the final component.
  one('class Store {\n  init() {\n    if (!fs.existsSync(this.file)) fs.openSync(this.file, "a");\n  }\n}', 'fs.openSync'),
  one('fs.stat(p, (err, st) => {\n  if (!err && st.uid === process.getuid()) fs.chmodSync(p, 0o600);\n});', 'fs.chmodSync'),
  one('if (!fs.existsSync(dest)) fs.renameSync(src, dest);', 'fs.renameSync'),
  one('if (!fs.existsSync(dest)) fs.copyFileSync(src, dest);', 'fs.copyFileSync'),
  // Non-recursive mkdir and symlink throw EEXIST when something appeared in the window.
  one('if (!fs.existsSync(dir)) fs.mkdirSync(dir);', 'fs.mkdirSync', {
    data: { use: 'mkdirSync', check: 'existsSync', path: 'dir', line: '2', ...CREATE },
  }),
  one('fs.existsSync(dir) || fs.mkdirSync(dir, 0o700);', 'fs.mkdirSync'),
  one('if (!fs.existsSync(link)) fs.symlinkSync(target, link);', 'fs.symlinkSync'),
  // stat follows symlinks: its isFile()/isDirectory() cannot see one before a delete or overwrite.
  ...viaStat('if (fs.statSync(p).isFile()) fs.writeFileSync(p, data);', ['fs.writeFileSync'], { from: 'fs.statSync', to: 'fs.lstatSync' }),
  // After "not a directory" the write is a plain check-then-create: lstat would be no better.
  ...[MEMBER_FORMS, NAMED_FORMS].map((forms) => ({
    code: twoUses,
    forms,
    errors: [
      statReport(twoUses, 'fs.rmdirSync', 0, forms === MEMBER_FORMS ? [{ messageId: 'useLstat', output: twoUses.replace('fs.statSync', 'fs.lstatSync') }] : []),
      report(twoUses, 'fs.writeFileSync', 0, { suggestions: [] }),
    ],
  })),
  one('function ensure(p) {\n  let st;\n  try { st = fs.statSync(p); } catch {}\n  if (st && st.isFile()) return;\n  fs.writeFileSync(p, "");\n}', 'fs.writeFileSync', { suggestions: [] }),
  ...viaStat('fs.stat(p, (err, st) => {\n  if (!err && st.isDirectory()) fs.rmdir(p, done);\n});', ['fs.rmdir'], { from: 'fs.stat(', to: 'fs.lstat(' }),
  ...viaStat('const st = fs.statSync(p);\nconsole.log(st.size);\nif (!st.isSymbolicLink()) fs.writeFileSync(p, data);', ['fs.writeFileSync'], undefined),
  {
    code: 'if (fs.statSync(p).isDirectory()) fs.rmdirSync(p);',
    forms: ['cjs'],
    errors: [
      {
        messageId: 'statFollowsSymlinks',
        data: { check: 'statSync', line: '2', method: 'isDirectory', path: 'p', use: 'rmdirSync', ...DELETE },
        ...at('if (fs.statSync(p).isDirectory()) fs.rmdirSync(p);', 'fs.rmdirSync'),
        suggestions: [{ messageId: 'useLstat', output: 'if (fs.lstatSync(p).isDirectory()) fs.rmdirSync(p);' }],
      },
    ],
  },
  // `this.x` in any function with a `this`: compiled classes, object-literal methods, plain functions.
  one('function Store(file) { this.file = file; }\nStore.prototype.load = function () {\n  if (fs.existsSync(this.file)) return read(this.file);\n  fs.writeFileSync(this.file, "{}");\n};', 'fs.writeFileSync'),
  one('const store = {\n  init() {\n    if (!fs.existsSync(this.file)) fs.openSync(this.file, "w");\n  },\n};', 'fs.openSync'),
  one('function init() {\n  if (!fs.existsSync(this.file)) fs.openSync(this.file, "w");\n}', 'fs.openSync'),
  // The attribute asked through destructuring, or a `let` assigned once in a try.
  one('const { uid } = fs.statSync(p);\nif (uid !== owner) fs.chownSync(p, owner, group);', 'fs.chownSync'),
  one('const { size } = fs.statSync(log);\nif (size > limit) fs.writeFileSync(log, "");', 'fs.writeFileSync'),
  ...viaStat('function wipe(p) {\n  let st;\n  try { st = fs.statSync(p); } catch { return; }\n  if (st.isDirectory()) fs.rmSync(p, { recursive: true });\n}', ['fs.rmSync'], undefined),
  // Local wrappers around checks.
  one('async function exists(p) {\n  try { await fs.promises.access(p); return true; } catch { return false; }\n}\nasync function init(p) {\n  if (!(await exists(p))) await fs.promises.writeFile(p, "{}");\n}', 'fs.promises.writeFile'),
  ...viaStat('const isDir = (p) => fs.statSync(p).isDirectory();\nfunction wipe(p) {\n  if (isDir(p)) fs.rmSync(p, { recursive: true });\n}', ['fs.rmSync'], undefined),
  one('const util = {\n  owner(p) { return fs.statSync(p).uid; },\n};\nfunction fix(p) {\n  if (util.owner(p) !== uid) fs.chownSync(p, uid, gid);\n}', 'fs.chownSync'),
  // "It is a link: remove it, then use the name": the link can be planted again in between.
  relinked('function isLink(p) { return fs.lstatSync(p).isSymbolicLink(); }\nfunction put(dest, text) {\n  if (isLink(dest)) fs.unlinkSync(dest);\n  fs.writeFileSync(dest, text);\n}', 'fs.writeFileSync'),
  relinked('const tools = {};\ntools.isLink = function () {\n  const p = path.join.apply(path, arguments);\n  try { return fs.lstatSync(p).isSymbolicLink(); } catch (e) { return false; }\n};\ntools.put = function (dest, text) {\n  if (tools.isLink(dest)) {\n    fs.unlinkSync(dest);\n  }\n  tools.emit(dest, text);\n};', 'fs.unlinkSync', PATH_MODULE_FORMS),
  relinked('async function save(out) {\n  const st = await fs.promises.lstat(out).catch(() => null);\n  if (st && st.isSymbolicLink()) await fs.promises.unlink(out);\n  await fs.promises.writeFile(out, data);\n}', 'fs.promises.writeFile'),
  relinked('const current = path.join(root, "current");\nif (fs.lstatSync(current).isSymbolicLink()) fs.unlinkSync(current);\nfs.symlinkSync(release, current);', 'fs.symlinkSync'),
  // The same removal with a later use on the path that does run after it (no exit in between).
  relinked('function clean(p) {\n  if (fs.lstatSync(p).isSymbolicLink()) {\n    fs.unlinkSync(p);\n  }\n  notify(p);\n}', 'fs.unlinkSync'),
  // A guard in a try whose catch rethrows what it does not expect.
  one("function f() {\n  try {\n    if (fs.lstatSync(p).isSymbolicLink()) throw new Error('link');\n  } catch (e) {\n    if (e.code !== 'ENOENT') throw e;\n  }\n  fs.writeFileSync(p, data);\n}", 'fs.writeFileSync'),
  // In a shared temp directory, "it exists, remove it" removes what someone else put there, and frees the name for anyone.
  one("const sock = '/tmp/agent.sock';\nif (fs.existsSync(sock)) fs.unlinkSync(sock);\nserver.listen(sock);", 'fs.unlinkSync', { data: { use: 'unlinkSync', check: 'existsSync', path: 'sock', line: '3', ...DELETE } }),
  one("const lock = path.join('/tmp', 'job.lock');\nasync function clear() {\n  try {\n    await fs.promises.access(lock);\n    await fs.promises.unlink(lock);\n  } catch {}\n}", 'fs.promises.unlink'),
  one("const pidFile = path.join(os.tmpdir(), 'worker.pid');\nif (fs.existsSync(pidFile)) {\n  if (!alive(Number(fs.readFileSync(pidFile, 'utf8')))) fs.unlinkSync(pidFile);\n}", 'fs.unlinkSync'),
  { code: "const fse = require('fs-extra');\nasync function reset() {\n  if (await fse.pathExists('/tmp/render-out')) await fse.remove('/tmp/render-out');\n}", forms: ['cjs'], errors: [report("const fse = require('fs-extra');\nasync function reset() {\n  if (await fse.pathExists('/tmp/render-out')) await fse.remove('/tmp/render-out');\n}", 'fse.remove')] },
  { code: 'async function f() {\n  const st = await fs.promises.stat(p);\n  if (st.isDirectory()) await fs.promises.rm(p, { recursive: true });\n}', forms: ['esm-default', 'ts-esm'], errors: [{ ...statReport('async function f() {\n  const st = await fs.promises.stat(p);\n  if (st.isDirectory()) await fs.promises.rm(p, { recursive: true });\n}', 'fs.promises.rm'), suggestions: [{ messageId: 'useLstat', output: 'async function f() {\n  const st = await fs.promises.lstat(p);\n  if (st.isDirectory()) await fs.promises.rm(p, { recursive: true });\n}' }] }] },
]);
