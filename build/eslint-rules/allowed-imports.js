// A local ESLint rule that whitelists what a room may import, where no-restricted-imports can only blacklist:
// a bare specifier passes only if it is listed (or is a subpath of a listed package), a relative one only if it
// resolves inside the room's own folder. Every way TypeScript can reach a module counts, type-only ones too:
// import / import type / export … from, import(), require(), import x = require(), import('x').T in a type,
// and /// <reference types|path> directives. Used for shared/ (zod and jose only) in build/eslint.config.js.
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/** True if `specifier` is `name` itself or one of its subpaths (`zod` allows `zod/v4`, not `zodiac`). */
const isPackageOrSubpath = (specifier, name) => specifier === name || specifier.startsWith(`${name}/`);

const isRelative = (specifier) =>
  specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');

/** @type {import('eslint').Rule.RuleModule} */
export const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Allow only the listed packages and files inside one folder to be imported.' },
    schema: [
      {
        type: 'object',
        properties: {
          allow: { type: 'array', items: { type: 'string' }, uniqueItems: true },
          within: { type: 'string' },
          root: { type: 'string' },
        },
        required: ['allow', 'within'],
        additionalProperties: false,
      },
    ],
    messages: {
      package:
        "'{{specifier}}' is not allowed in {{within}}/: it may import only {{allowed}} and files inside {{within}}/.",
      outside: "'{{specifier}}' leaves {{within}}/: it may import only {{allowed}} and files inside {{within}}/.",
      computed: 'A computed module specifier cannot be checked: {{within}}/ imports only string literals.',
    },
  },
  create(context) {
    // `within` is relative to `root` (the repository; default: ESLint's working directory).
    const { allow, within, root = context.cwd } = context.options[0];
    const roomDir = resolve(root, within);
    const fileDir = dirname(resolve(context.cwd, context.filename));
    const data = { within, allowed: allow.length > 0 ? allow.join(', ') : 'nothing' };

    // `at` is { node } or, for a reference directive (a comment), { loc }.
    const check = (at, specifier) => {
      if (typeof specifier !== 'string') {
        context.report({ ...at, messageId: 'computed', data });
        return;
      }
      if (isRelative(specifier)) {
        const rel = relative(roomDir, resolve(fileDir, specifier));
        if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
          context.report({ ...at, messageId: 'outside', data: { ...data, specifier } });
        }
        return;
      }
      if (!allow.some((name) => isPackageOrSubpath(specifier, name))) {
        context.report({ ...at, messageId: 'package', data: { ...data, specifier } });
      }
    };
    // A string literal, or a template literal without expressions; anything else is reported as computed.
    const literalOf = (node) => {
      if (node?.type === 'Literal') return node.value;
      if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
      return undefined;
    };
    const checkSource = (node) => {
      if (node.source) check({ node: node.source }, literalOf(node.source));
    };

    return {
      ImportDeclaration: checkSource,
      ExportNamedDeclaration: checkSource,
      ExportAllDeclaration: checkSource,
      ImportExpression: (node) => check({ node: node.source }, literalOf(node.source)),
      TSImportType: (node) => check({ node }, literalOf(node.source) ?? literalOf(node.argument?.literal)),
      TSExternalModuleReference: (node) => check({ node: node.expression }, literalOf(node.expression)),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          check({ node }, literalOf(node.arguments[0]));
        }
      },
      Program: () => {
        for (const comment of context.sourceCode.getAllComments()) {
          const directive = /^\/\s*<reference\s+(types|path)\s*=\s*["']([^"']+)["']/.exec(comment.value);
          if (comment.type !== 'Line' || !directive) continue;
          const [, kind, target] = directive;
          check({ loc: comment.loc }, kind === 'path' && !isRelative(target) ? `./${target}` : target);
        }
      },
    };
  },
};
