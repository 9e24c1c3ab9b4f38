import { type FormName, invalidForms, validForms } from '../helpers/forms.js';

// Forms that keep a body without module references as written (CommonJS, ESM, TypeScript).
const PLAIN: FormName[] = ['cjs', 'esm-default', 'ts-esm'];

const leak = (line: number, column: number, value: string, via: string, what = 'error details') => ({
  messageId: 'errorLeak',
  data: { value, what, via, helper: 'sanitizeError' },
  line,
  column,
});

const switched = (line: number, column: number, value: string, via: string, test: string, what = 'error details') => ({
  messageId: 'errorLeakSwitched',
  data: { value, what, via, test, helper: 'sanitizeError' },
  line,
  column,
});

// Where details are taken, when they reach the client elsewhere (a stack, or inside another function).
const origin = (line: number, column: number, value: string, what: string, via: string, when = '') => ({
  messageId: 'leakOrigin',
  data: { value, what, via, when, helper: 'sanitizeError' },
  line,
  column,
});

// The suggestion for a caught error (or its stack/message) handed straight to a response or socket.
const sanitized = (output: string, error: string) => ({
  messageId: 'useSanitizeError',
  data: { helper: 'sanitizeError', error },
  output,
  imports: 'sanitizeError',
});

/**
 * A case whose one report, at `value` on `line`, is fixed by `sanitizeError(error)` there, made a
 * string for sinks that take only text (`end`, `write`). Express-style by default: the body has
 * no module references, so the plain forms; `forms: null` for a body that has (every form).
 */
const sanitizedCase = (code: string, line: number, value: string, via: string, error: string, { text = false, forms = PLAIN }: { text?: boolean; forms?: FormName[] | null } = {}) => {
  const lines = code.split('\n');
  const column = lines[line - 1]!.indexOf(value) + 1;
  lines[line - 1] = lines[line - 1]!.replace(value, text ? `JSON.stringify(sanitizeError(${error}))` : `sanitizeError(${error})`);
  return { code, errors: [{ ...leak(line, column, value, via), suggestions: [sanitized(lines.join('\n'), error)] }], ...(forms ? { forms } : {}) };
};

export const valid = validForms([
  // An HTTP/2 client session's pushed streams come from the server; a server's stream that gets
  // only a generic body; and a 'stream' event of an emitter the file does not trace.
  "const client = http2.connect('https://example.com');\nclient.on('stream', (pushed) => { pushed.on('error', (err) => pushed.end(err.message)); });",
  "const server = http2.createServer();\nserver.on('stream', (stream) => {\n  try { run(); } catch (err) { log(err.stack); stream.respond({ ':status': 500 }); stream.end('internal error'); }\n});",
  "emitter.on('stream', (stream) => { try { run(); } catch (err) { stream.end(err.stack); } });",
  // Hono's onError with a generic body; an onError of something the file does not trace to Hono;
  // a fetch response's text() read next to a logged stack.
  { code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.onError((err, c) => {\n  console.error(err);\n  return c.json({ error: 'internal' }, 500);\n});", forms: ['esm-default', 'ts-esm'] },
  "uploader.onError((err, c) => c.text(err.stack));",
  { code: "const r = await fetch(url);\ntry { run(); } catch (err) { console.log(await r.text(), err.stack); }", forms: ['esm-default', 'ts-esm'] },
  // A function of the file's own that merely shares serialize-error's name, and the serialized error only logged.
  {
    code: "function serializeError(e) { return { code: e.code }; }\napp.get('/x', (req, res) => {\n  try { run(); } catch (err) { res.status(500).json(serializeError(err)); }\n});",
    forms: PLAIN,
  },
  {
    code: "import { serializeError } from 'serialize-error';\napp.get('/x', (req, res) => {\n  try { run(); } catch (err) { log.error(serializeError(err)); res.status(500).json({ error: 'internal' }); }\n});",
    forms: ['esm-default', 'ts-esm'],
  },
  // A method of another object with the same name is registered, and a cache key is no route.
  {
    code: "const ctrl = { show(req, res) { try { run(); } catch (e) { res.send(e.stack); } } };\nconst other = { show() {} };\napp.get('/x', other.show);\ncache.get('key', ctrl.show);",
    forms: PLAIN,
  },
  // A parameter that a detail is written into is not where the detail is taken, and a `stack`
  // copied between two non-error objects (a middleware list) is no stack trace.
  "function restart(server, res) {\n  res.statusCode = 500;\n  const mw = server.mw;\n  mw.stack = server.next.mw.stack;\n  server.mw = mw;\n  res.end(String(server.port));\n}\nmodule.exports = restart;",
  // A comparison is not an assignment, and a sink's name in a comment or string is no call.
  "app.use(async (ctx, next) => {\n  try { await next(); } catch (e) { if (ctx.body == e.message) ctx.status = 500; }\n});",
  "http.createServer((req, res) => {\n  try { run(); } catch (e) { log('res.end(' + e.message + ')'); /* res.end(e.stack) */ res.end(); }\n});",
  // Fastify's schema-validation details describe the client's input (found in fastify's own tests).
  {
    code: "fastify.setErrorHandler((error, request, reply) => {\n  if (error.validation) { reply.status(400).send(error.validation); return; }\n  reply.status(500).send({ code: 'INTERNAL' });\n});",
    forms: PLAIN,
  },
  // The secure pattern: log the details, send a stable code and a generic message.
  "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { console.error(e.stack); res.status(500).json({ error: 'Internal server error' }); }\n});",
  "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { res.status(500).json(sanitizeError(e)); }\n});",
  "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { const body = sanitizeError(e, { requestId: req.id }); res.status(body.status).json(body); }\n});",
  // A stable code (and other identifiers) is fine to send.
  "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { res.status(401).set('WWW-Authenticate', `Bearer error=\"${e.errorCode}\"`).end(); }\n});",
  // The headers an HTTP error carries are meant for its response.
  "http.createServer((req, res) => {\n  serve(req, (err) => {\n    if (err) {\n      res.writeHead(err.status, err.headers);\n      res.end();\n    }\n  });\n});",
  "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { res.status(500).json({ code: e.code, message: 'Internal server error' }); }\n});",
  "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (err) { res.status(err.statusCode || 500).send(err.name); }\n});",
  "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch ({ code }) { res.status(500).send({ code }); }\n});",
  "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { const body = { code: e.code, error: e.message }; logger.error(body); res.status(500).json({ code: body.code }); }\n});",
  // A deliberate public message.
  "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { res.status(e.status).send(e instanceof ClientError ? e.publicMessage : 'Internal server error'); }\n});",
  // Logging is not a sink; rethrowing and handing on are not sinks.
  "app.get('/f', async (req, res, next) => {\n  try { res.send(await load()); }\n  catch (e) { logger.error({ err: e, msg: e.message }); next(e); }\n});",
  "async function load(p) {\n  try { return await read(p); }\n  catch (e) { throw new Error('load failed: ' + e.message, { cause: e }); }\n}",
  "try { run(); } catch (e) { console.error(String(e)); process.exitCode = 1; }",
  // A sanitizer named in the options.
  {
    code: "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { res.status(500).send(toPublicError(e.message)); }\n});",
    options: [{ sanitizers: ['toPublicError'] }],
  },
  {
    code: "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { res.status(500).json(errors.redact(`${e}`)); }\n});",
    options: [{ sanitizers: ['errors.redact'] }],
  },
  // A mapper given the error object chooses what to keep.
  "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { res.status(500).json(toResponse(e)); }\n});",
  // Variables merely called res, reply, socket or ctx are not client-facing receivers.
  "async function f() {\n  const res = new Map();\n  try { await load(); } catch (e) { res.send(e.message); }\n}",
  "function f(reply) {\n  try { load(); } catch (e) { reply.send(e.stack); }\n}",
  "const socket = makeQueue();\ntry { load(); } catch (e) { socket.write(e.message); }",
  "function g(ctx) { try { load(); } catch (e) { ctx.body = e.message; } }",
  "items.forEach((item, res) => { try { load(item); } catch (e) { res.send(e.message); } });",
  // Not a route: a cache lookup whose callback also takes two parameters.
  "cache.get(key, (err, value) => { if (err) value.send(err.message); });",
  // Non-error values in a handler.
  "app.get('/f', (req, res) => { const message = 'hello'; res.send(message); });",
  "app.post('/f', (req, res) => { res.json({ message: req.body.message, stack: [] }); });",
  // The response's own chain methods take statuses, not bodies.
  "app.get('/f', (req, res) => { load((err, data) => { if (err) return res.status(500).end(); res.end(data); }); });",
  // Booleans and lengths computed from an error carry no detail.
  "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { res.status(500).json({ retry: e.message.includes('timeout'), n: e.stack.length }); }\n});",
  // An error-first callback parameter is a source only where the callback tests it.
  "app.get('/f', (req, res) => { list((first, rest) => res.send(first.message)); });",
  // process.send with a fixed payload; a socket that writes its own data.
  "try { work(); } catch (e) { process.send({ type: 'failed', code: e.code }); }",
  "net.createServer((socket) => { socket.on('error', (err) => { console.error(err); socket.destroy(); }); socket.write('hello'); });",
  // A raw error given to Koa's ctx.throw: a 500 is not exposed.
  "app.use(async (ctx, next) => { try { await next(); } catch (err) { ctx.throw(err); } });",
  // Koa with a generic body.
  "app.use(async (ctx, next) => { try { await next(); } catch (err) { ctx.status = err.status || 500; ctx.body = { error: 'Internal server error' }; ctx.app.emit('error', err, ctx); } });",
  // A NestJS exception with a fixed message, and a lookalike class that is not NestJS's.
  { code: "import { InternalServerErrorException } from '@nestjs/common';\nasync function f() { try { await load(); } catch (e) { throw new InternalServerErrorException('Could not load', { cause: e }); } }", forms: ['esm-default', 'ts-esm'] },
  "class HttpException extends Error {}\ntry { load(); } catch (e) { throw new HttpException(e.message); }",
  // http.createServer: a shadowed `http` is not Node's.
  { code: "function f(http) { http.createServer((req, res) => { try { run(); } catch (e) { res.end(e.message); } }); }", forms: ['cjs', 'esm-default', 'ts-esm'] },
  // A message rebuilt from the code only.
  "http.createServer((req, res) => {\n  try { run(); } catch (e) { const msg = e.code === 'ENOENT' ? 'Not found' : 'Internal server error'; res.writeHead(500); res.end(msg); }\n});",
  // Fastify with a sanitized reply; Hapi with a fixed response.
  "fastify.get('/f', async (request, reply) => {\n  try { return await load(); } catch (e) { request.log.error(e); return reply.code(500).send(sanitizeError(e)); }\n});",
  "server.route({ method: 'GET', path: '/f', handler: async (request, h) => {\n  try { return await load(); } catch (e) { return h.response({ error: 'Internal server error' }).code(500); }\n} });",
  // Node's own modules, in every import form.
  "http.createServer((req, res) => {\n  try { run(); } catch (e) { console.error(e); res.writeHead(500); res.end('Internal server error'); }\n});",
  "http.createServer((req, res) => {\n  fs.readFile(p, (err, data) => {\n    if (err) { res.statusCode = err.code === 'ENOENT' ? 404 : 500; return res.end(); }\n    res.end(data);\n  });\n});",
  "http.createServer((req, res) => {\n  try { run(); } catch (e) { res.setHeader('x-error-code', e.code); res.end(); }\n});",
  "const client = net.connect(8080);\nclient.on('error', (err) => console.error(err.message));",
  "const client = net.connect(8080);\ntry { work(); } catch (e) { client.write(JSON.stringify({ code: e.code })); }",
  "const req = http.request(url);\nreq.on('error', (e) => { log(e.message); });\nreq.end(body);",
  "http.get(url, (res) => { res.on('error', (err) => { report(err.stack); }); });",
  "net.createServer((socket) => {\n  socket.on('data', (d) => { try { handle(d); } catch (e) { console.error(e.stack); socket.end('ERR\\n'); } });\n});",
  "fs.readFile(p, (err, data) => { if (err) { console.error(err.message); return; } use(data); });",
  // A WebSocket told only a code.
  "wss.on('connection', (ws) => { ws.on('message', async (m) => { try { ws.send(await handle(m)); } catch (e) { ws.send(JSON.stringify({ error: e.code })); } }); });",
  // The error object itself given to send(): Fastify hands it to the error handler the app
  // configures, Express serialises only its own enumerable properties.
  { code: "fastify.get('/f', async (request, reply) => {\n  try { return await load(); } catch (e) { reply.code(500).send(e); }\n});", forms: PLAIN },
  { code: "fastify.setErrorHandler((error, request, reply) => {\n  reply.status(500).send(error);\n});", forms: PLAIN },
  // What a handler returns: the raw error goes to Fastify's error handler, like `reply.send(e)`;
  // a return that sends through a parameter is judged where that sends; only a code returned;
  // Express ignores what a handler returns (no Fastify in the file); a Map's `get` with a
  // callback and a decorator's return in a Fastify file are no handlers.
  { code: "fastify.get('/f', async (request, reply) => {\n  try { return await load(); } catch (e) { reply.code(500); return e; }\n});", forms: PLAIN },
  { code: "fastify.get('/f', async (request, reply) => {\n  try { return await load(); } catch (e) { return fail(reply, e.message); }\n});", forms: PLAIN },
  { code: "fastify.get('/f', async (request, reply) => {\n  try { return await load(); } catch (e) { reply.code(500); return { code: e.code }; }\n});", forms: PLAIN },
  { code: "app.get('/f', async (req, res) => {\n  try { return await load(); } catch (e) { return { error: e.message }; }\n});", forms: PLAIN },
  { code: "// fastify plugin\ncache.get('k', (err, v) => { if (err) return { error: err.message }; return v; });", forms: PLAIN },
  { code: "fastify.decorate('load', (key) => {\n  try { return store.read(key); } catch (e) { return { error: e.message }; }\n});", forms: PLAIN },
  // Web route handlers answering generically or with a code only; a client-side fetch wrapper's
  // synthetic response (no route export); a class of the file's own named Response; a Worker
  // that logs the stack and sends a fixed text.
  { code: "export async function GET() {\n  try { return Response.json(await load()); } catch (e) { console.error(e); return Response.json({ error: 'internal' }, { status: 500 }); }\n}", forms: ['esm-default', 'ts-esm'] },
  { code: "export async function POST() {\n  try { return Response.json(await save()); } catch (e) { return Response.json({ code: e.code }, { status: 500 }); }\n}", forms: ['esm-default', 'ts-esm'] },
  { code: "export async function fetchWithFallback(url) {\n  try { return await fetch(url); } catch (e) { return new Response(e.message, { status: 599 }); }\n}", forms: ['esm-default', 'ts-esm'] },
  { code: "class Response { constructor(body) { this.body = body; } }\nexport function GET() {\n  try { return run(); } catch (e) { return new Response(e.stack); }\n}", forms: ['esm-default', 'ts-esm'] },
  { code: "export default {\n  async fetch(request) {\n    try { return await handle(request); } catch (err) { console.error(err.stack); return new Response('Internal Error', { status: 500 }); }\n  },\n};", forms: ['esm-default', 'ts-esm'] },
  // Serverless handlers answering generically or with a code only; an exported HTTP client
  // helper's synthetic `{ statusCode, body }` (not the runtime's `handler`); an object without
  // a status (a direct invocation's result for another service); a `handler` the file keeps to
  // itself; the compiled preamble `exports.handler = void 0`.
  { code: "export const handler = async (event) => {\n  try { return { statusCode: 200, body: JSON.stringify(await load(event)) }; }\n  catch (err) { console.error(err); return { statusCode: 500, body: JSON.stringify({ error: 'Internal error' }) }; }\n};", forms: ['esm-default', 'ts-esm'] },
  { code: "exports.handler = async (event) => {\n  try { return { statusCode: 200, body: await load(event) }; } catch (err) { return { statusCode: 500, body: JSON.stringify({ code: err.code }) }; }\n};", forms: ['cjs'] },
  { code: "export async function request(url) {\n  try { return await get(url); } catch (e) { return { statusCode: 0, body: e.message }; }\n}", forms: ['esm-default', 'ts-esm'] },
  { code: "exports.handler = async (event) => {\n  try { return await sync(event); } catch (e) { return { ok: false, error: e.message }; }\n};", forms: ['cjs'] },
  { code: "async function handler(event) {\n  try { return await route(event); } catch (e) { return { statusCode: 500, body: e.stack }; }\n}\nexports.run = () => handler(queue.next());", forms: ['cjs'] },
  { code: "exports.handler = void 0;\nconst handler = async (event) => {\n  try { return await route(event); } catch (e) { log(e); return { statusCode: 500, body: 'error' }; }\n};\nexports.handler = handler;", forms: ['cjs'] },
  // Azure Functions handlers answering generically or with a code only; an `app` of the file's
  // own with the same method names.
  { code: "import { app } from '@azure/functions';\napp.http('report', { methods: ['GET'], handler: async (request, context) => {\n  try { return { jsonBody: await build(request) }; } catch (err) { context.error(err); return { status: 500, jsonBody: { error: 'Internal error' } }; }\n} });", forms: ['esm-default', 'ts-esm'] },
  { code: "const { app } = require('@azure/functions');\napp.post('save', async (request) => {\n  try { return { status: 201, jsonBody: await save(request) }; } catch (err) { return { status: 500, jsonBody: { code: err.code } }; }\n});", forms: ['cjs'] },
  { code: "const app = makeApp();\napp.http('x', { handler: async () => {\n  try { return { body: await run() }; } catch (e) { return { status: 500, body: e.message }; }\n} });", forms: PLAIN },
  // Classic Azure Functions handlers answering generically or with a code only; an exported
  // function of one parameter; a `(context, req)` function the module does not export.
  { code: "module.exports = async function (context, req) {\n  try { context.res = { body: await load(req.query.id) }; } catch (err) { context.log.error(err); context.res = { status: 500, body: 'Internal error' }; }\n};", forms: ['cjs'] },
  { code: "module.exports = async function (context, req) {\n  try { context.res = { body: await load(req.query.id) }; } catch (err) { context.res = { status: 500, body: { code: err.code } }; }\n};", forms: ['cjs'] },
  { code: "module.exports = function (state) {\n  try { state.res = { body: run() }; } catch (e) { state.res = { body: e.message }; }\n};", forms: ['cjs'] },
  { code: "async function handle(context, req) {\n  try { context.res = { body: await load(req) }; } catch (e) { context.res = { status: 500, body: e.message }; }\n}\nmodule.exports = { handle };", forms: ['cjs'] },
  // A function of the file that builds the response from the error's code only, or without it.
  { code: "function failure(e) { return Response.json({ code: e.code }, { status: 500 }); }\nexport async function GET() {\n  try { return Response.json(await load()); } catch (e) { return failure(e); }\n}", forms: ['esm-default', 'ts-esm'] },
  { code: "const fail = () => ({ statusCode: 500, body: 'Internal error' });\nexports.handler = async (event) => {\n  try { return await route(event); } catch (err) { console.error(err); return fail(); }\n};", forms: ['cjs'] },
  // NestJS: a route method returning a generic body or only a code; a method of the same
  // shape under a decorator of the file's own named Get; a plain method without a route.
  { code: "import { Controller, Get } from '@nestjs/common';\n@Controller('items')\nexport class ItemsController {\n  @Get()\n  async list() {\n    try { return await this.items.all(); } catch (e) { this.log.error(e); return { error: 'internal' }; }\n  }\n}", forms: ['ts-esm'] },
  { code: "import { Controller, Post } from '@nestjs/common';\n@Controller('items')\nexport class ItemsController {\n  @Post()\n  async add() {\n    try { return await this.items.add(); } catch (e) { return { code: e.code }; }\n  }\n}", forms: ['ts-esm'] },
  { code: "import { Controller } from '@nestjs/common';\nconst Get = () => () => undefined;\n@Controller('items')\nexport class ItemsController {\n  @Get()\n  async list() {\n    try { return await this.items.all(); } catch (e) { return { error: e.message }; }\n  }\n}", forms: ['ts-esm'] },
  { code: "import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class ItemsService {\n  async load() {\n    try { return await this.db.all(); } catch (e) { return { error: e.message }; }\n  }\n}", forms: ['ts-esm'] },
  { code: 'const common_1 = require("@nestjs/common");\nlet ItemsService = class ItemsService {\n  async load() {\n    try { return await this.db.all(); } catch (e) { return { error: e.message }; }\n  }\n};\nItemsService = __decorate([(0, common_1.Injectable)()], ItemsService);', forms: ['cjs'] },
  // Fastify's `frameworkErrors` gets its own rejections of the request, whose messages describe what the client sent.
  { code: "const app = fastify({\n  frameworkErrors(error, req, reply) { reply.code(400).send({ message: error.message }); },\n});", forms: PLAIN },
  // A route error handler that logs and answers generically.
  { code: "app.route({ method: 'GET', url: '/f', handler: list,\n  errorHandler(error, request, reply) { request.log.error(error); reply.code(500).send({ message: 'Internal error' }); } });", forms: PLAIN },
  // An `errorHandler` option of something that is not a route: its parameters are not a request and reply.
  { code: "worker.start({ errorHandler(task, attempt, out) { out.send(task.message); } });", forms: PLAIN },
  { code: "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { res.status(500).send(e); }\n});", forms: PLAIN },
  // The parent process is the application itself, not a client.
  { code: "process.on('message', async (m) => {\n  try { await work(m); } catch (e) { process.send({ failed: true, error: e.stack }); }\n});", forms: PLAIN },
  // http-errors' and Koa's `expose`: the message is meant for the client.
  { code: "app.use(async (ctx, next) => {\n  try { await next(); } catch (err) { if (err.expose) ctx.body = err.message; else ctx.body = 'Internal error'; }\n});", forms: PLAIN },
  // A view's locals that hold no detail; a status set on something that sends nothing.
  { code: "app.use(function (err, req, res, next) { res.locals.title = 'Error'; res.status(500); res.render('error'); });", forms: PLAIN },
  { code: "module.exports = function report(job, meter) {\n  try { job.run(); } catch (e) { meter.status(2); meter.tags.reason = e.message; }\n};", forms: ['cjs'] },
  // A key is not a route: the callback's second parameter is a value, wrapped or not.
  { code: "store.get('k', (err, value) => { if (value) value.send(err.message); });\nstore.get('k', wrap((err, value) => { if (value) value.send(err.message); }));", forms: PLAIN },
  // A rejection handler that answers with text of its own.
  { code: "app.use(async (ctx) => {\n  ctx.body = await load(ctx.path).catch((err) => { log.error(err); return { error: 'Not available' }; });\n});", forms: PLAIN },
  { code: "app.get('/f', async (req, res) => {\n  res.json(await load(req.query.id).then(format, () => null));\n});", forms: PLAIN },
  // A test of the HTTP status the application gave the error (http-errors, Koa, Express): system errors have none.
  { code: "app.use((err, req, res, next) => {\n  if ('status' in err) res.status(err.status).send(err.message);\n  else res.status(500).send('Internal Server Error');\n});", forms: PLAIN },
  { code: "app.use((err, req, res, next) => {\n  if (typeof err === 'object' && err.statusCode < 500) return res.status(err.statusCode).json({ error: err.message });\n  next(err);\n});", forms: PLAIN },
  { code: "app.use((err, req, res, next) => {\n  res.status(typeof err.status === 'number' ? err.status : 500);\n  res.send(typeof err.status === 'number' ? err.message : 'Internal Server Error');\n});", forms: PLAIN },
  { code: "app.use((err, req, res, next) => {\n  if (err.status === 404) res.status(404).send(err.message);\n  else next(err);\n});", forms: PLAIN },
  { code: "app.use(async (ctx, next) => {\n  try { await next(); } catch (err) { ctx.status = err.status || 500; ctx.body = err.expose ? err.message : 'Internal error'; }\n});", forms: PLAIN },
  { code: "app.use((err, req, res, next) => {\n  const status = err.status || 500;\n  res.status(status).json({ error: status < 500 ? err.message : 'Internal Server Error' });\n});", forms: PLAIN },
  // An error of the application's or a library's own class: its authors wrote the message for the client.
  {
    code: "class HttpError extends Error {\n  constructor(status, message) { super(message); this.status = status; }\n}\napp.use((err, req, res, next) => {\n  if (err instanceof HttpError) return res.status(err.status).json({ error: err.message });\n  res.status(500).json({ error: 'Internal Server Error' });\n});",
    forms: PLAIN,
  },
  { code: "app.use((err, req, res, next) => {\n  if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') res.status(413).send(err.message);\n  else next(err);\n});", forms: PLAIN },
  // Returned by a factory, but no response is written: four parameters alone make no error middleware.
  { code: "module.exports = function collect(list) {\n  return function (item, index, all, extra) { list.push(item.message); };\n};", forms: ['cjs'] },
  // Four parameters and a response, but the first is a set of options the function calls into:
  // an upload handler, not error middleware.
  {
    code: "module.exports = (options, req, res, next) => {\n  const close = (code, reason) => { res.writeHead(code); res.end(reason || 'Bad Request'); };\n  if (options.onLimit) options.onLimit(req, res, next);\n  close(413, options.limitMessage);\n};",
    forms: ['cjs'],
  },
  // A response-shaped parameter whose writes carry no error.
  "exports.fail = (res, info) => {\n  res.statusCode = 500;\n  res.end('Internal error');\n};",
  // A helper that writes its parameter, only ever called with fixed text.
  "function reply(res, code, body) { res.writeHead(code); res.end(body); }\nhttp.createServer((req, res) => { try { run(); } catch (e) { console.error(e); reply(res, 500, 'Internal error'); } });",
  // A stack that goes to a stream or a log, not to a client; the length of a stack is a number.
  "function report(out, job) { out.write(job.failure.stack); }",
  "exports.fail = (res, job) => {\n  res.statusCode = 500;\n  res.setHeader('x-depth', String(job.stack.length));\n  res.end();\n};",
  "http.createServer((req, res) => {\n  try { run(); } catch (e) { const text = e.message; res.setHeader('Content-Length', Buffer.byteLength(text)); res.end('Internal error'); }\n});",
  // An environment switch, allowed by the option.
  {
    code: "const DEV = process.env.NODE_ENV !== 'production';\napp.use((err, req, res, next) => {\n  res.status(500).json({ message: DEV ? err.stack : 'Internal error' });\n});",
    options: [{ allowBehindEnvironmentSwitch: true }],
    forms: PLAIN,
  },
  // socket.io: an error event re-emitted with the error object stays in the process.
  { code: "io.on('connection', (socket) => {\n  socket.on('error', (e) => socket.emit('failure', e));\n});", forms: PLAIN },
  // Exported functions with three parameters that write nothing to a response.
  { code: "module.exports = function (a, b, c) {\n  try { run(); } catch (e) { b.end(e.message); }\n};", forms: ['cjs'] },
  // The error of a non-fs callback given to send(): handed to the framework's error handler.
  { code: "fastify.get('/f', (request, reply) => {\n  db.query(sql, (err, rows) => { if (err) return reply.send(err); reply.send(rows); });\n});", forms: PLAIN },
  // An error-first callback's first value under a code's key: a code, not the error's text.
  "http.createServer((req, res) => {\n  verify(req, (failure, context) => {\n    if (failure !== undefined) { res.writeHead(400); return res.end(JSON.stringify({ code: failure })); }\n    res.end('ok');\n  });\n});",
]);

export const invalid = invalidForms([
  // A controller's method handed to the router by name: an object's, an instance's (bound or not), a class's own, a static one.
  sanitizedCase("const ctrl = {\n  show(req, res) {\n    try { run(); } catch (e) { res.send(e.stack); }\n  },\n};\napp.get('/x', ctrl.show);", 3, 'e.stack', 'res.send()', 'e'),
  sanitizedCase("class Ctrl {\n  show(req, res) {\n    try { run(); } catch (e) { res.send(e.stack); }\n  }\n}\nconst ctrl = new Ctrl();\nrouter.get('/x', ctrl.show.bind(ctrl));", 3, 'e.stack', 'res.send()', 'e'),
  sanitizedCase("class Api {\n  mount(app) { app.get('/x', this.show); }\n  show(req, res) {\n    try { run(); } catch (e) { res.send(e.stack); }\n  }\n}", 4, 'e.stack', 'res.send()', 'e'),
  sanitizedCase("class Api {\n  static show(req, res) {\n    try { run(); } catch (e) { res.send(e.stack); }\n  }\n}\napp.get('/x', Api.show);", 3, 'e.stack', 'res.send()', 'e'),
  sanitizedCase("function Legacy() {}\nLegacy.prototype.show = function (req, res) {\n  try { run(); } catch (e) { res.send(e.stack); }\n};\nconst legacy = new Legacy();\napp.get('/x', legacy.show);", 3, 'e.stack', 'res.send()', 'e'),
  // Fastify's route option `errorHandler(error, request, reply)`, inline or by name.
  {
    code: "app.route({ method: 'GET', url: '/f', handler: list,\n  errorHandler: (error, request, reply) => { reply.status(500).send(error.stack); } });",
    errors: [
      {
        ...leak(2, 69, 'error.stack', 'reply.send()'),
        suggestions: [sanitized("app.route({ method: 'GET', url: '/f', handler: list,\n  errorHandler: (error, request, reply) => { reply.status(500).send(sanitizeError(error)); } });", 'error')],
      },
    ],
    forms: PLAIN,
  },
  {
    code: "function onError(err, req, res) { res.send(String(err)); }\nmodule.exports = (app) => app.get('/x', { errorHandler: onError }, list);",
    errors: [leak(1, 44, 'String(err)', 'res.send()')],
    forms: ['cjs'],
  },
  // Handlers however they are registered: through a wrapper, under a constant path, after app.route(path), behind a koa-router name.
  sanitizedCase("app.get('/x', asyncHandler(async (req, res) => {\n  try { await run(); } catch (e) { res.status(500).send(e.stack); }\n}));", 2, 'e.stack', 'res.send()', 'e'),
  sanitizedCase("router.route('/x').get((req, res) => {\n  try { run(); } catch (e) { res.send(e.stack); }\n});", 2, 'e.stack', 'res.send()', 'e'),
  sanitizedCase("const PATHS = { items: '/items' };\napp.get(PATHS.items, (req, res) => {\n  try { run(); } catch (e) { res.send(e.stack); }\n});", 3, 'e.stack', 'res.send()', 'e'),
  sanitizedCase("router.get('user', '/users/:id', (req, res) => {\n  try { run(); } catch (e) { res.send(e.stack); }\n});", 2, 'e.stack', 'res.send()', 'e'),
  // express-generator's error handler: what res.locals holds, the view renders.
  {
    code: "app.use(function (err, req, res, next) {\n  res.locals.message = err.message;\n  res.locals.error = req.app.get('env') === 'development' ? err : {};\n  res.status(err.status || 500);\n  res.render('error');\n});",
    errors: [
      { ...leak(2, 24, 'err.message', 'res.locals.message'), suggestions: [] },
      { ...switched(3, 22, "req.app.get('env') === 'development' ...", 'res.locals.error', "req.app.get('env') === 'development'", 'the raw error'), suggestions: [] },
    ],
    forms: PLAIN,
  },
  // A handler exported for a framework to register (a Next.js API route): its response sets a status and sends.
  {
    code: "module.exports = async function handler(req, res) {\n  try { res.json(await load(req.query.id)); } catch (e) { res.status(500).json({ error: e.message }); }\n};",
    errors: [{ ...leak(2, 80, '{ error: e.message }', 'res.json()'), suggestions: [] }],
    forms: ['cjs'],
  },
  // A value that spans lines is quoted on one line.
  {
    code: "app.get('/f', (req, res) => {\n  try { run(); } catch (e) {\n    res.status(500).json({\n      error: e.message,\n    });\n  }\n});",
    errors: [{ ...leak(3, 26, '{ error: e.message, }', 'res.json()'), suggestions: [] }],
    forms: PLAIN,
  },
  // What a rejection handler returns is the value of the promise it is chained on.
  {
    code: "app.use(async (ctx) => {\n  ctx.body = await load(ctx.path).catch((err) => ({ error: err.message }));\n});",
    errors: [{ ...leak(2, 14, 'await load(ctx.path).catch((err) => (...', 'ctx.body') }],
    forms: PLAIN,
  },
  {
    code: "app.get('/f', async (req, res) => {\n  res.json(await load(req.query.id).then(format, (e) => ({ failed: true, stack: e.stack })));\n});",
    errors: [{ ...leak(2, 12, 'await load(req.query.id).then(format,...', 'res.json()'), suggestions: [] }],
    forms: PLAIN,
  },
  // A status of 500 or above, or the branch where the error has none, is still the system's message.
  sanitizedCase("app.use((err, req, res, next) => {\n  if (err.status === 500) res.status(500).send(err.message);\n  else next(err);\n});", 2, 'err.message', 'res.send()', 'err'),
  sanitizedCase("app.use((err, req, res, next) => {\n  if ('status' in err) next(err);\n  else res.status(500).send(err.message);\n});", 3, 'err.message', 'res.send()', 'err'),
  // `typeof` of a status with a default is always 'number': it tells nothing.
  sanitizedCase("app.use((err, req, res, next) => {\n  const status = err.status || 500;\n  if (typeof status === 'number') res.status(status).send(err.message);\n});", 3, 'err.message', 'res.send()', 'err'),
  // A built-in error class says nothing about who wrote the message.
  sanitizedCase("app.use((err, req, res, next) => {\n  if (err instanceof TypeError) res.status(500).send(err.message);\n  else next(err);\n});", 2, 'err.message', 'res.send()', 'err'),
  // Every spelling of a sink call or property: a string key, an optional call, a line break.
  {
    code: "http.createServer((req, res) => {\n  try { run(); } catch (e) { res['end'](e.message); }\n});",
    errors: [{ ...leak(2, 41, 'e.message', 'res.end()'), suggestions: [sanitized("http.createServer((req, res) => {\n  try { run(); } catch (e) { res['end'](JSON.stringify(sanitizeError(e))); }\n});", 'e')] }],
    forms: PLAIN,
  },
  {
    code: "http.createServer((req, res) => {\n  try { run(); } catch (e) { res\n    .end?.(e.message); }\n});",
    errors: [{ ...leak(3, 12, 'e.message', 'res.end()'), suggestions: [sanitized("http.createServer((req, res) => {\n  try { run(); } catch (e) { res\n    .end?.(JSON.stringify(sanitizeError(e))); }\n});", 'e')] }],
    forms: PLAIN,
  },
  {
    code: "app.use(async (ctx, next) => {\n  try { await next(); } catch (e) { ctx['body'] = e.message; }\n});",
    errors: [leak(2, 51, 'e.message', "ctx['body']")],
    forms: PLAIN,
  },
  // Plain http.
  {
    code: "http.createServer((req, res) => {\n  try { run(); } catch (e) { res.writeHead(500); res.end(e.stack); }\n});",
    errors: [{ ...leak(2, 58, 'e.stack', 'res.end()'), suggestions: [sanitized("http.createServer((req, res) => {\n  try { run(); } catch (e) { res.writeHead(500); res.end(JSON.stringify(sanitizeError(e))); }\n});", 'e')] }],
  },
  {
    code: "const server = http.createServer(async (req, res) => {\n  try { await run(); } catch (err) { res.end(`Failed: ${err}`); }\n});",
    errors: [leak(2, 46, '`Failed: ${err}`', 'res.end()')],
  },
  {
    code: "function handler(req, res) {\n  try { run(); } catch (e) { res.writeHead(500, String(e)); res.end(); }\n}\nhttp.createServer(handler).listen(80);",
    errors: [leak(2, 49, 'String(e)', 'res.writeHead()')],
  },
  {
    code: "const server = http.createServer();\nserver.on('request', (req, res) => {\n  try { run(); } catch (e) { res.write('error: ' + e); res.end(); }\n});",
    errors: [leak(3, 40, "'error: ' + e", 'res.write()')],
  },
  // Express, through local variables and object literals.
  {
    code: "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { res.status(500).json({ error: e.message }); }\n});",
    errors: [leak(3, 36, '{ error: e.message }', 'res.json()')],
    forms: PLAIN,
  },
  {
    code: "router.post('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { const detail = e.stack; const body = { ok: false, detail }; res.status(500).send(body); }\n});",
    errors: [origin(3, 30, 'e.stack', 'a stack trace', 'res.send()'), leak(3, 96, 'body', 'res.send()')],
    forms: PLAIN,
  },
  {
    code: "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { res.status(500).json({ ...e }); }\n});",
    errors: [leak(3, 36, '{ ...e }', 'res.json()')],
    forms: PLAIN,
  },
  {
    code: "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch ({ message }) { res.jsonp({ message }); }\n});",
    errors: [leak(3, 35, '{ message }', 'res.jsonp()')],
    forms: PLAIN,
  },
  {
    code: "app.get('/f', async (req, res) => {\n  let msg = 'ok';\n  try { await load(); } catch (e) { msg = e.toString(); }\n  res.send(msg);\n});",
    errors: [leak(4, 12, 'msg', 'res.send()')],
    forms: PLAIN,
  },
  {
    code: "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { const out = {}; out.error = JSON.stringify(e); res.status(500).json(out); }\n});",
    errors: [leak(3, 83, 'out', 'res.json()')],
    forms: PLAIN,
  },
  {
    code: "app.get('/f', (req, res) => {\n  load().then((data) => res.json(data)).catch((err) => res.status(500).render('error', { error: err }));\n});",
    errors: [leak(2, 88, '{ error: err }', 'res.render()')],
    forms: PLAIN,
  },
  {
    code: "app.get('/f', (req, res) => {\n  load().then((data) => res.json(data), (err) => res.status(500).send(escape(err.message)));\n});",
    errors: [leak(2, 71, 'escape(err.message)', 'res.send()')],
    forms: PLAIN,
  },
  // Express error middleware, inline and by name.
  {
    code: "app.use((err, req, res, next) => {\n  res.status(err.status || 500).json({ message: err.message, stack: err.stack });\n});",
    errors: [leak(2, 38, '{ message: err.message, stack: err.st...', 'res.json()')],
    forms: PLAIN,
  },
  {
    code: "const util = require('node:util');\nfunction onError(err, req, res, next) {\n  res.status(500).send(util.inspect(err));\n}\napp.use(onError);",
    errors: [leak(3, 24, 'util.inspect(err)', 'res.send()')],
    forms: ['cjs'],
  },
  {
    code: "import { inspect } from 'node:util';\nfunction onError(err, req, res, next) {\n  res.status(500).send(inspect(err, { depth: 0 }));\n}\napp.use('/api', onError);",
    errors: [leak(3, 24, 'inspect(err, { depth: 0 })', 'res.send()')],
    forms: ['esm-default', 'ts-esm'],
  },
  // HTTP/2: a server's 'stream' events, and the compatibility API's (req, res) handler.
  sanitizedCase(
    "const server = http2.createSecureServer(opts);\nserver.on('stream', (stream, headers) => {\n  try { run(headers); } catch (err) { stream.respond({ ':status': 500 }); stream.end(err.stack); }\n});",
    3, 'err.stack', 'stream.end()', 'err', { text: true, forms: null },
  ),
  {
    code: "http2.createServer().on('stream', (stream) => {\n  load().catch((err) => stream.end(JSON.stringify({ error: err.message })));\n});",
    errors: [leak(2, 36, 'JSON.stringify({ error: err.message })', 'stream.end()')],
  },
  sanitizedCase("http2.createServer((req, res) => {\n  try { run(); } catch (err) { res.end(err.message); }\n});", 2, 'err.message', 'res.end()', 'err', { text: true, forms: null }),
  // Hono: its context's json/text/html/body send their first argument, in a route and in the app's onError.
  {
    code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/x', async (c) => {\n  try { return c.json(await run()); } catch (err) { return c.json({ error: err.message }, 500); }\n});",
    errors: [leak(4, 67, '{ error: err.message }', 'c.json()')],
    forms: ['esm-default', 'ts-esm'],
  },
  {
    code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.onError((err, c) => c.text(err.stack, 500));",
    errors: [leak(3, 32, 'err.stack', 'c.text()')],
    forms: ['esm-default', 'ts-esm'],
  },
  // serialize-error copies the name, message, stack and own properties into a plain object.
  {
    code: "import { serializeError } from 'serialize-error';\napp.get('/x', (req, res) => {\n  try { run(); } catch (err) { res.status(500).json(serializeError(err)); }\n});",
    errors: [leak(3, 53, 'serializeError(err)', 'res.json()')],
    forms: ['esm-default', 'ts-esm'],
  },
  {
    code: "const serializeError = require('serialize-error');\napp.get('/x', (req, res) => {\n  try { run(); } catch (err) { res.status(500).json({ error: serializeError(err) }); }\n});",
    errors: [leak(3, 53, '{ error: serializeError(err) }', 'res.json()')],
    forms: ['cjs'],
  },
  // An error-first callback.
  {
    code: "app.get('/f', (req, res) => {\n  fs.readFile(req.query.p, 'utf8', (err, data) => {\n    if (err) return res.status(500).send(err.message);\n    res.send(data);\n  });\n});",
    errors: [{ ...leak(3, 42, 'err.message', 'res.send()'), suggestions: [sanitized("app.get('/f', (req, res) => {\n  fs.readFile(req.query.p, 'utf8', (err, data) => {\n    if (err) return res.status(500).send(sanitizeError(err));\n    res.send(data);\n  });\n});", 'err')] }],
  },
  {
    code: "app.get('/f', (req, res) => {\n  db.query(sql, (error, rows) => {\n    if (error) { res.status(500).json({ error }); return; }\n    res.json(rows);\n  });\n});",
    errors: [leak(3, 39, '{ error }', 'res.json()')],
    forms: PLAIN,
  },
  // Koa.
  {
    code: "app.use(async (ctx, next) => {\n  try { await next(); } catch (err) { ctx.status = 500; ctx.body = { error: err.message }; }\n});",
    errors: [leak(2, 68, '{ error: err.message }', 'ctx.body')],
    forms: PLAIN,
  },
  {
    code: "router.get('/f', async (ctx) => {\n  try { ctx.body = await load(); } catch (e) { ctx.throw(500, e.message); }\n});",
    errors: [leak(2, 63, 'e.message', 'ctx.throw()')],
    forms: PLAIN,
  },
  {
    code: "app.on('error', (err, ctx) => {\n  ctx.response.body = err.stack;\n});",
    errors: [leak(2, 23, 'err.stack', 'ctx.response.body')],
    forms: PLAIN,
  },
  // Fastify and Hapi.
  {
    code: "fastify.get('/f', async (request, reply) => {\n  try { return await load(); } catch (e) { return reply.code(500).send({ error: e.message }); }\n});",
    errors: [leak(2, 72, '{ error: e.message }', 'reply.send()')],
    forms: PLAIN,
  },
  sanitizedCase("fastify.route({ method: 'GET', url: '/f', handler: async (request, reply) => {\n  try { return await load(); } catch (e) { reply.send(e.stack); }\n} });", 2, 'e.stack', 'reply.send()', 'e'),
  // What a NestJS controller method under a route decorator returns is the response body.
  {
    code: 'import { Controller, Get, Param } from \'@nestjs/common\';\n@Controller(\'items\')\nexport class ItemsController {\n  @Get(\':id\')\n  async show(@Param(\'id\') id: string) {\n    try { return await this.items.find(id); } catch (e) { return { error: (e as Error).message }; }\n  }\n}',
    errors: [leak(6, 66, '{ error: (e as Error).message }', 'the value a NestJS route handler returns')],
    forms: ['ts-esm'],
  },
  {
    code: 'import * as common from \'@nestjs/common\';\n@common.Controller(\'jobs\')\nexport class JobsController {\n  @common.Post()\n  async run() {\n    try { return await this.jobs.run(); } catch (err) { return `failed: ${err}`; }\n  }\n}',
    errors: [leak(6, 64, '`failed: ${err}`', 'the value a NestJS route handler returns')],
    forms: ['ts-esm'],
  },
  // Compiled by tsc: the decorators applied through `__decorate`.
  {
    code: 'const common_1 = require("@nestjs/common");\nlet ItemsController = class ItemsController {\n  async show(id) {\n    try { return await this.items.find(id); } catch (e) { return { error: e.message }; }\n  }\n};\n__decorate([(0, common_1.Get)(":id"), __param(0, (0, common_1.Param)("id"))], ItemsController.prototype, "show", null);',
    errors: [leak(4, 66, '{ error: e.message }', 'the value a NestJS route handler returns')],
    forms: ['cjs'],
  },
  // A web route handler's returned Response: Next.js, a Worker's fetch, SvelteKit's json(),
  // through a const, and in TypeScript.
  {
    code: 'import { NextResponse } from \'next/server\';\nexport async function GET(request) {\n  try { return NextResponse.json(await load()); } catch (error) { return NextResponse.json({ error: error.message }, { status: 500 }); }\n}',
    errors: [leak(3, 92, '{ error: error.message }', 'NextResponse.json()')],
    forms: ['esm-default', 'ts-esm'],
  },
  {
    code: 'export default {\n  async fetch(request, env) {\n    try { return await handle(request, env); } catch (err) { return new Response(err.stack, { status: 500 }); }\n  },\n};',
    errors: [leak(3, 82, 'err.stack', 'new Response()')],
    forms: ['esm-default', 'ts-esm'],
  },
  {
    code: 'import { json } from \'@sveltejs/kit\';\nexport async function POST({ request }) {\n  try { return json(await save(request)); } catch (e) { return json({ message: String(e) }, { status: 500 }); }\n}',
    errors: [leak(3, 69, '{ message: String(e) }', 'json()')],
    forms: ['esm-default', 'ts-esm'],
  },
  {
    code: 'export const DELETE = async () => {\n  try { await remove(); return new Response(null, { status: 204 }); } catch (e) {\n    const res = Response.json({ error: e.message }, { status: 500 });\n    return res;\n  }\n};',
    errors: [leak(3, 31, '{ error: e.message }', 'Response.json()')],
    forms: ['esm-default', 'ts-esm'],
  },
  {
    code: 'export async function GET(): Promise<Response> {\n  try { return Response.json(await load()); } catch (e) { return new Response((e as Error).message, { status: 500 }); }\n}',
    errors: [leak(2, 79, '(e as Error).message', 'new Response()')],
    forms: ['ts-esm'],
  },
  // A serverless handler's `{ statusCode, body }` response: returned, through a const, passed to
  // its callback, compiled from TypeScript, exported under another name, typed.
  {
    code: "export const handler = async (event) => {\n  try { return { statusCode: 200, body: JSON.stringify(await load(event)) }; }\n  catch (err) { return { statusCode: 500, body: JSON.stringify({ message: err.message }) }; }\n};",
    errors: [leak(3, 49, 'JSON.stringify({ message: err.message })', 'the body of the response a serverless handler returns')],
    forms: ['esm-default', 'ts-esm'],
  },
  {
    code: "module.exports.handler = function (event, context, callback) {\n  load(event, (err, data) => {\n    if (err) return callback(null, { statusCode: 500, body: err.stack });\n    callback(null, { statusCode: 200, body: JSON.stringify(data) });\n  });\n};",
    errors: [leak(3, 61, 'err.stack', 'the body of the response a serverless handler returns')],
    forms: ['cjs'],
  },
  {
    code: '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.handler = void 0;\nconst handler = async (event) => {\n  try { return await route(event); } catch (e) {\n    const response = { statusCode: 500, body: String(e) };\n    return response;\n  }\n};\nexports.handler = handler;',
    errors: [leak(6, 47, 'String(e)', 'the body of the response a serverless handler returns')],
    forms: ['cjs'],
  },
  {
    code: "function main(event) {\n  try { return respond(event); } catch (e) { return { statusCode: 500, headers: { 'content-type': 'text/plain' }, body: e.stack }; }\n}\nexport { main as handler };",
    errors: [leak(2, 121, 'e.stack', 'the body of the response a serverless handler returns')],
    forms: ['esm-default', 'ts-esm'],
  },
  {
    code: "module.exports = {\n  handler: async (event) => {\n    try { return await route(event); } catch (e) { return { statusCode: 502, body: e.message }; }\n  },\n};",
    errors: [leak(3, 84, 'e.message', 'the body of the response a serverless handler returns')],
    forms: ['cjs'],
  },
  {
    code: "import type { APIGatewayProxyHandler } from 'aws-lambda';\nexport const handler: APIGatewayProxyHandler = async (event) => {\n  try { return { statusCode: 200, body: await render(event) }; } catch (e) { return { statusCode: 500, body: (e as Error).message }; }\n};",
    errors: [leak(3, 110, '(e as Error).message', 'the body of the response a serverless handler returns')],
    forms: ['ts-esm'],
  },
  // Azure Functions (v4): what an HTTP handler returns is the response, inline or by name.
  {
    code: "import { app } from '@azure/functions';\napp.http('report', {\n  methods: ['GET'],\n  handler: async (request, context) => {\n    try { return { jsonBody: await build(request) }; } catch (err) { return { status: 500, jsonBody: { error: err.message } }; }\n  },\n});",
    errors: [leak(5, 102, '{ error: err.message }', 'the response an Azure Functions handler returns')],
    forms: ['esm-default', 'ts-esm'],
  },
  {
    code: "const { app } = require('@azure/functions');\nasync function download(request) {\n  try { return { body: await fetchFile(request.query.get('id')) }; } catch (e) { return { status: 500, body: e.stack }; }\n}\napp.get('download', download);",
    errors: [leak(3, 110, 'e.stack', 'the response an Azure Functions handler returns')],
    forms: ['cjs'],
  },
  // Classic Azure Functions (function.json): the exported `(context, req)` sets `context.res`.
  {
    code: "module.exports = async function (context, req) {\n  try { context.res = { body: await load(req.query.id) }; } catch (err) { context.log.error(err); context.res = { status: 500, body: err.message }; }\n};",
    errors: [leak(2, 134, 'err.message', 'the response an Azure Functions handler sets')],
    forms: ['cjs'],
  },
  {
    code: "export default async function (context, req) {\n  try { context.res = { body: await render(req) }; }\n  catch (e) { context.res.status = 500; context.res.body = e.stack; }\n}",
    errors: [leak(3, 60, 'e.stack', 'the response an Azure Functions handler sets')],
    forms: ['esm-default', 'ts-esm'],
  },
  {
    code: "import type { AzureFunction, Context, HttpRequest } from '@azure/functions';\nconst httpTrigger: AzureFunction = async function (context: Context, req: HttpRequest): Promise<void> {\n  try { context.res = { body: await render(req) }; } catch (e) { context.res = { status: 500, body: (e as Error).message }; }\n};\nexport default httpTrigger;",
    errors: [leak(3, 101, '(e as Error).message', 'the response an Azure Functions handler sets')],
    forms: ['ts-esm'],
  },
  // A response built by a function of the file from the error the handler hands it.
  {
    code: "import { NextResponse } from 'next/server';\nfunction failure(e) { return NextResponse.json({ error: e.message }, { status: 500 }); }\nexport async function GET() {\n  try { return NextResponse.json(await load()); } catch (e) { return failure(e); }\n}",
    errors: [leak(2, 48, '{ error: e.message }', 'NextResponse.json()')],
    forms: ['esm-default', 'ts-esm'],
  },
  {
    code: "const fail = (err) => ({ statusCode: 500, body: JSON.stringify({ error: err.message }) });\nexports.handler = async (event) => {\n  try { return await route(event); } catch (err) { return fail(err); }\n};",
    errors: [leak(1, 49, 'JSON.stringify({ error: err.message })', 'the body of the response a serverless handler returns')],
    forms: ['cjs'],
  },
  // Fastify sends what a route handler or its error handler returns: inline, as a route's
  // `handler` option, by name, and in a plugin whose handler takes no parameters.
  {
    code: "fastify.get('/f', async (request, reply) => {\n  try { return await load(); } catch (e) { reply.code(500); return { error: e.message }; }\n});",
    errors: [leak(2, 68, '{ error: e.message }', 'the value a Fastify handler returns')],
    forms: PLAIN,
  },
  {
    code: "fastify.route({ method: 'GET', url: '/f', handler: async (request) => {\n  try { return await load(); } catch (e) { return { message: String(e) }; }\n} });",
    errors: [leak(2, 51, '{ message: String(e) }', 'the value a Fastify handler returns')],
    forms: PLAIN,
  },
  {
    code: "fastify.setErrorHandler(async (error, request, reply) => {\n  reply.code(500);\n  return { detail: error.stack };\n});",
    errors: [leak(3, 10, '{ detail: error.stack }', 'the value a Fastify handler returns')],
    forms: PLAIN,
  },
  {
    code: "async function show(request, reply) {\n  try { return await load(); } catch (err) { return 'failed: ' + err.message; }\n}\nfastify.get('/f', show);",
    errors: [leak(2, 53, "'failed: ' + err.message", 'the value a Fastify handler returns')],
    forms: PLAIN,
  },
  {
    code: "export default async function routes(app: FastifyInstance) {\n  app.post('/f', { schema }, async () => {\n    try { return await load(); } catch (e) { return { error: (e as Error).message }; }\n  });\n}",
    errors: [leak(3, 53, '{ error: (e as Error).message }', 'the value a Fastify handler returns')],
    forms: ['ts-esm'],
  },
  {
    code: "server.route({ method: 'GET', path: '/f', handler(request, h) {\n  try { return load(); } catch (e) { return h.response(e.message).code(500); }\n} });",
    errors: [leak(2, 56, 'e.message', 'h.response()')],
    forms: PLAIN,
  },
  // Sockets, WebSockets and IPC.
  {
    code: "net.createServer((socket) => {\n  socket.on('data', (d) => { try { handle(d); } catch (e) { socket.end(e.message + '\\n'); } });\n});",
    errors: [leak(2, 72, "e.message + '\\n'", 'socket.end()')],
  },
  sanitizedCase("const client = net.connect(8080);\nclient.on('error', (err) => { client.write(err.stack); });", 2, 'err.stack', 'client.write()', 'err', { text: true, forms: null }),
  {
    code: "wss.on('connection', (ws) => {\n  ws.on('message', async (m) => { try { await handle(m); } catch (e) { ws.send(JSON.stringify({ error: e.message })); } });\n});",
    errors: [leak(2, 80, 'JSON.stringify({ error: e.message })', 'ws.send()')],
    forms: PLAIN,
  },
  // NestJS.
  {
    code: "import { HttpException } from '@nestjs/common';\nasync function f() { try { await load(); } catch (e) { throw new HttpException(e.message, 500); } }",
    errors: [leak(2, 80, 'e.message', 'new HttpException()')],
    forms: ['esm-default', 'ts-esm'],
  },
  {
    code: "const common_1 = require('@nestjs/common');\nasync function f() { try { await load(); } catch (e) { throw new common_1.InternalServerErrorException(`${e}`); } }",
    errors: [leak(2, 104, '`${e}`', 'new InternalServerErrorException()')],
    forms: ['cjs'],
  },
  // TypeScript casts do not launder.
  {
    code: "app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { res.status(500).send((e as Error).message); }\n});",
    errors: [{ ...leak(3, 36, '(e as Error).message', 'res.send()'), suggestions: [sanitized("app.get('/f', async (req, res) => {\n  try { res.send(await load()); }\n  catch (e) { res.status(500).send(sanitizeError(e)); }\n});", 'e')] }],
    forms: ['ts-esm'],
  },
  // Error middleware that only stringifies its error: toString is the one method called on it.
  {
    code: "module.exports = (failure, req, res, next) => {\n  res.statusCode = 500;\n  res.end(failure.toString());\n};",
    errors: [leak(3, 11, 'failure.toString()', 'res.end()')],
    forms: ['cjs'],
  },
  // Middleware a factory returns: error middleware and Koa middleware, never registered here.
  {
    code: "module.exports = function errorPage(settings) {\n  return function (failure, req, res, next) {\n    res.statusCode = 500;\n    res.end(failure.stack);\n  };\n};",
    errors: [
      {
        ...leak(4, 13, 'failure.stack', 'res.end()'),
        suggestions: [sanitized("module.exports = function errorPage(settings) {\n  return function (failure, req, res, next) {\n    res.statusCode = 500;\n    res.end(JSON.stringify(sanitizeError(failure)));\n  };\n};", 'failure')],
      },
    ],
    forms: ['cjs'],
  },
  {
    code: "function guard(opts) {\n  return async (ctx, next) => {\n    try { await next(); } catch (problem) { ctx.status = 500; ctx.body = { detail: problem.message }; }\n  };\n}\nmodule.exports = guard;",
    errors: [leak(3, 74, '{ detail: problem.message }', 'ctx.body')],
    forms: ['cjs'],
  },
  // A stack trace is a detail whoever made the object; HTML built from it and then sent.
  {
    code: "exports.fatal = (res, info) => {\n  res.statusCode = 500;\n  const page = '<pre>' + info.cause.stack + '</pre>';\n  res.end(page);\n};",
    errors: [origin(3, 26, 'info.cause.stack', 'a stack trace', 'res.end()'), leak(4, 11, 'page', 'res.end()')],
    forms: ['cjs'],
  },
  // An exported handler whose errback concatenates the error.
  {
    code: "exports.status = function (req, res) {\n  execFile('git', ['status'], (error, out) => {\n    if (error) { res.writeHead(500); return res.end('git failed: ' + error); }\n    res.end(out);\n  });\n};",
    errors: [leak(3, 53, "'git failed: ' + error", 'res.end()')],
    forms: ['cjs'],
  },
  // A helper of the file's own that writes its parameter: reported where it is given the error.
  {
    code: "function reply(res, code, body) { res.writeHead(code); res.end(body); }\nhttp.createServer((req, res) => { try { run(); } catch (e) { reply(res, 500, String(e)); } });",
    errors: [leak(2, 78, 'String(e)', 'res.end() in a helper')],
  },
  // A function that builds the reply from an error: the details are taken there.
  {
    code: "function failure(id, problem) { return { jsonrpc: '2.0', id, error: { code: -32000, data: problem.message } }; }\nwss.on('connection', (ws) => {\n  ws.on('message', async (m) => { try { ws.send(await handle(m)); } catch (e) { ws.send(JSON.stringify(failure(m.id, e))); } });\n});",
    errors: [origin(1, 91, 'problem.message', 'error details', 'ws.send()'), leak(3, 89, 'JSON.stringify(failure(m.id, e))', 'ws.send()')],
    forms: PLAIN,
  },
  // A parameter the function treats as an error.
  {
    code: "function describe(x) { return x instanceof Error ? x.message : String(x); }\nhttp.createServer((req, res) => { res.writeHead(500); res.end(describe(lastFailure)); });",
    errors: [origin(1, 52, 'x.message', 'error details', 'res.end()'), leak(2, 63, 'describe(lastFailure)', 'res.end()')],
  },
  // Behind an environment switch: still a report, with its own message.
  {
    code: "const DEV = process.env.NODE_ENV !== 'production';\napp.use((err, req, res, next) => {\n  res.status(500).json({ message: DEV ? err.stack : 'Internal error' });\n});",
    errors: [switched(3, 24, "{ message: DEV ? err.stack : 'Interna...", 'res.json()', 'DEV')],
    forms: PLAIN,
  },
  {
    code: "module.exports = (mode) => async (ctx, next) => {\n  try { await next(); } catch (err) { if (mode === 'development') ctx.body = err.message; else ctx.body = 'Internal error'; }\n};",
    errors: [switched(2, 78, 'err.message', 'ctx.body', "mode === 'development'")],
    forms: ['cjs'],
  },
  // socket.io: an event emitted to the client with the message.
  {
    code: "io.on('connection', (socket) => {\n  socket.on('job', async (data) => { try { await run(data); } catch (e) { socket.emit('failed', e.message); } });\n});",
    errors: [leak(2, 97, 'e.message', 'socket.emit()')],
    forms: PLAIN,
  },
  // Connect middleware a factory returns, calling next: its errback's message in a CSS comment.
  {
    code: "module.exports = (options) => function (req, res, next) {\n  compile(req.url, (err, css) => {\n    if (err) { res.setHeader('Content-Type', 'text/css'); return res.end('/* ' + err.message + ' */'); }\n    next();\n  });\n};",
    errors: [leak(3, 74, "'/* ' + err.message + ' */'", 'res.end()')],
    forms: ['cjs'],
  },
  // A system error object from an fs callback: its enumerable path goes out even through send().
  {
    code: "app.get('/f', (req, res) => {\n  fs.stat(req.query.p, (err, st) => {\n    if (err) return res.status(404).send(err);\n    res.send({ size: st.size });\n  });\n});",
    errors: [{ ...leak(3, 42, 'err', 'res.send()', 'the raw error'), suggestions: [sanitized("app.get('/f', (req, res) => {\n  fs.stat(req.query.p, (err, st) => {\n    if (err) return res.status(404).send(sanitizeError(err));\n    res.send({ size: st.size });\n  });\n});", 'err')] }],
  },
]);
