// no-error-leak with type information on (typescript-eslint's project service), and the same
// code with it off: the receivers the shapes recognise are reported the same either way, types
// confirm them, and types recognise receivers that no handler shape shows.
import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../src/rules/no-error-leak.js';

const tsconfigRootDir = fileURLToPath(new URL('../fixtures/typed/error-leak', import.meta.url));

const typed = new RuleTester({
  languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir } },
});
const untyped = new RuleTester();

const leak = (line: number, column: number, value: string, via: string, what = 'error details') => ({
  messageId: 'errorLeak' as const,
  data: { value, what, via, helper: 'sanitizeError' },
  line,
  column,
});

/** Reported with and without types: the shapes already show the receiver, the types confirm it. */
const bothInvalid = [
  // An HTTP/2 server's stream: its type (ServerHttp2Stream) confirms what the 'stream' event shows.
  {
    code: "import * as http2 from 'node:http2';\nconst server = http2.createServer();\nserver.on('stream', (stream) => {\n  try { run(); } catch (e) { stream.end((e as Error).stack); }\n});\ndeclare function run(): void;",
    errors: [
      {
        ...leak(4, 41, '(e as Error).stack', 'stream.end()'),
        suggestions: [
          {
            messageId: 'useSanitizeError',
            data: { helper: 'sanitizeError', error: 'e' },
            output: "import * as http2 from 'node:http2';\nimport { sanitizeError } from 'eslint-plugin-secure-fs/runtime';\nconst server = http2.createServer();\nserver.on('stream', (stream) => {\n  try { run(); } catch (e) { stream.end(JSON.stringify(sanitizeError(e))); }\n});\ndeclare function run(): void;",
          },
        ],
      },
    ],
  },
  {
    code: "import * as http from 'node:http';\nhttp.createServer((req, res) => {\n  try { run(); } catch (e) { res.end((e as Error).stack); }\n});\ndeclare function run(): void;",
    errors: [
      {
        ...leak(3, 38, '(e as Error).stack', 'res.end()'),
        suggestions: [
          {
            messageId: 'useSanitizeError',
            data: { helper: 'sanitizeError', error: 'e' },
            output: "import * as http from 'node:http';\nimport { sanitizeError } from 'eslint-plugin-secure-fs/runtime';\nhttp.createServer((req, res) => {\n  try { run(); } catch (e) { res.end(JSON.stringify(sanitizeError(e))); }\n});\ndeclare function run(): void;",
          },
        ],
      },
    ],
  },
  {
    code: "import * as net from 'node:net';\nnet.createServer((socket) => {\n  socket.on('error', (err) => socket.end(err.message));\n});",
    errors: [
      {
        ...leak(3, 42, 'err.message', 'socket.end()'),
        suggestions: [
          {
            messageId: 'useSanitizeError',
            data: { helper: 'sanitizeError', error: 'err' },
            output: "import * as net from 'node:net';\nimport { sanitizeError } from 'eslint-plugin-secure-fs/runtime';\nnet.createServer((socket) => {\n  socket.on('error', (err) => socket.end(JSON.stringify(sanitizeError(err))));\n});",
          },
        ],
      },
    ],
  },
  {
    code: "import { createServer } from 'node:http';\nconst server = createServer();\nserver.on('request', (req, res) => {\n  load().catch((err: Error) => res.writeHead(500, { 'x-error': err.message }).end());\n});\ndeclare function load(): Promise<void>;",
    errors: [leak(4, 51, "{ 'x-error': err.message }", 'res.writeHead()')],
  },
];

/** Not reported with or without types. */
const bothValid = [
  // A client session's pushed stream (ClientHttp2Stream) comes from the server.
  "import * as http2 from 'node:http2';\nconst client = http2.connect('https://example.com');\nclient.on('stream', (pushed) => {\n  pushed.on('error', (err) => pushed.end(err.message));\n});",
  "import * as http from 'node:http';\nimport { sanitizeError } from 'eslint-plugin-secure-fs/runtime';\nhttp.createServer((req, res) => {\n  try { run(); } catch (e) { console.error(e); res.end(JSON.stringify(sanitizeError(e))); }\n});\ndeclare function run(): void;",
  "function f(res: { send(x: string): void }) { try { run(); } catch (e) { res.send(String(e)); } }\ndeclare function run(): void;",
];

// Shapes without types would take the 2nd parameter of a `(req, res)` route handler for a
// response; with types, a parameter whose type is known and is not a response is not one.
const typedOnlyValid = [
  "interface Job { send(x: string): void }\ndeclare const queue: { get(path: string, fn: (a: string, b: Job) => void): void };\nqueue.get('/jobs', (name, job) => { try { run(name); } catch (e) { job.send(String(e)); } });\ndeclare function run(n: string): void;",
];

// Types recognise receivers that no registration shape shows.
const typedOnlyInvalid = [
  {
    code: "import type { ServerResponse } from 'node:http';\nexport function reply(res: ServerResponse, work: () => void) {\n  try { work(); } catch (e) { res.statusCode = 500; res.end(`failed: ${e}`); }\n}",
    errors: [leak(3, 61, '`failed: ${e}`', 'res.end()')],
  },
  {
    code: "import { Socket } from 'node:net';\nconst conns: Socket[] = [];\nfor (const c of conns) { try { c.write('x'); } catch (e) { c.write(String(e)); } }",
    errors: [leak(3, 68, 'String(e)', 'c.write()')],
  },
];

typed.run('no-error-leak (types on)', rule, {
  valid: [...bothValid, ...typedOnlyValid],
  invalid: [...bothInvalid, ...typedOnlyInvalid],
});

untyped.run('no-error-leak (types off)', rule, {
  valid: [...bothValid, ...typedOnlyInvalid.map((c) => c.code)],
  invalid: [...bothInvalid, ...typedOnlyValid.map((code) => ({ code, errors: [leak(3, 77, 'String(e)', 'job.send()')] }))],
});
