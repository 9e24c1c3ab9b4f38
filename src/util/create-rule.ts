import type { RuleContext, RuleListener, RuleMetaData, RuleModule } from '@typescript-eslint/utils/ts-eslint';

/** What every rule's `meta.docs` says; the integrity test and the docs check read it. */
export interface SecureFsDocs {
  description: string;
  /** In `configs.recommended`: its reports are near-certain defects. */
  recommended: boolean;
  /** Uses type information when the user's config provides it (never requires it). */
  requiresTypeChecking?: boolean;
  /** The `eslint-plugin-secure-fs/runtime` exports the rule points to, first the main one. */
  helpers: readonly [string, ...string[]];
  cwe: readonly string[];
}

export const REPOSITORY_URL = 'https://github.com/secure-fs/eslint-plugin-secure-fs';

export type SecureFsRule<MessageIds extends string = string, Options extends readonly unknown[] = readonly unknown[]> =
  RuleModule<MessageIds, Options, SecureFsDocs> & {
    readonly name: string;
    readonly meta: RuleMetaData<MessageIds, SecureFsDocs, Options> & { docs: SecureFsDocs & { url: string } };
  };

interface RuleDefinition<Options extends readonly unknown[], MessageIds extends string> {
  name: string;
  meta: Omit<RuleMetaData<MessageIds, SecureFsDocs, Options>, 'docs' | 'defaultOptions'> & {
    docs: Omit<SecureFsDocs, 'url'>;
    /** Required when the rule has options; a rule without options leaves it out. */
    defaultOptions?: Options;
  };
  /** ESLint (9.15+) has already merged `meta.defaultOptions` into `context.options`. */
  create: (context: RuleContextView<MessageIds, Options>, options: Options) => RuleListener;
}

/** The part of ESLint's rule context that rules read, copied once per file and rule (see `createRule`). */
export type RuleContextView<MessageIds extends string, Options extends readonly unknown[]> = Readonly<
  Pick<RuleContext<MessageIds, Options>, 'sourceCode' | 'options' | 'filename' | 'report'>
>;

/**
 * ESLint makes each file's rule contexts inherit from an object made for that file, so every
 * file gives them a new hidden class. Optimised code that reads a property of one embeds that
 * class, and V8 keeps a class embedded in optimised code alive for two more full collections,
 * and with it its prototype: the previous file's context, its tree, tokens and scopes. With
 * all rules on, 2 to 4 earlier files stayed reachable after full collections (see the test).
 * So rules read a copy of one shape, made with `Reflect.get`, which records no class.
 */
function view<MessageIds extends string, Options extends readonly unknown[]>(
  context: Readonly<RuleContext<MessageIds, Options>>,
): RuleContextView<MessageIds, Options> {
  const report: RuleContext<MessageIds, Options>['report'] = Reflect.get(context, 'report');
  return {
    sourceCode: Reflect.get(context, 'sourceCode'),
    options: Reflect.get(context, 'options'),
    filename: Reflect.get(context, 'filename'),
    report: (descriptor) => Reflect.apply(report, context, [descriptor]),
  };
}

/**
 * typescript-eslint's `RuleCreator` signature without its runtime dependency (which would pull
 * ESLint and TypeScript into every install of `./runtime`): fills `docs.url` from the name.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>({
  name,
  meta,
  create,
}: RuleDefinition<Options, MessageIds>): SecureFsRule<MessageIds, Options> {
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, url: `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md` } },
    defaultOptions: meta.defaultOptions ?? ([] as unknown as Options),
    create: (context) => {
      const copy = view(context);
      return create(copy, copy.options);
    },
  };
}
