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
  create: (context: Readonly<RuleContext<MessageIds, Options>>, options: Options) => RuleListener;
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
    create: (context) => create(context, context.options),
  };
}
