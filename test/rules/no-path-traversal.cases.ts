import { type FormName, invalidForms, validForms } from '../helpers/forms.js';

// Forms that keep a body without module references as written (CommonJS, ESM, TypeScript).
const CJS: FormName[] = ['cjs', 'cjs-destructured', 'compiled-interop'];
const ESM: FormName[] = ['esm-default', 'esm-namespace', 'ts-esm'];
const TS: FormName[] = ['ts-esm'];
/** Forms that bind the path module to one name, so a suggestion can spell `path.sep`. */
const NAMESPACE: FormName[] = ['cjs', 'cjs-undeclared', 'esm-default', 'esm-namespace', 'ts-import-equals', 'ts-esm'];

export const valid = validForms([
  // The same method, never registered as a route: its parameters are whatever its callers pass.
  { code: "const files = {\n  download(req, res) {\n    fs.createReadStream(path.join(ROOT, req.params.name)).pipe(res);\n  },\n};\nfiles.download(job, out);", forms: ESM },
  // The helpers, and the sanitisers that hold.
  "app.get('/f/:name', async (req, res) => {\n  res.send(await readFileInside(ROOT, req.params.name));\n});",
  "app.get('/f/:name', (req, res) => {\n  res.send(fs.readFileSync(path.join(ROOT, path.basename(req.params.name))));\n});",
  "app.get('/f/:name', (req, res) => {\n  const full = path.resolve(ROOT, req.params.name);\n  if (!full.startsWith(ROOT + path.sep)) return res.status(403).end();\n  res.send(fs.readFileSync(full));\n});",
  "app.get('/f/:name', (req, res) => {\n  const full = path.resolve(ROOT, req.params.name);\n  if (full.startsWith(`${ROOT}/`)) res.send(fs.readFileSync(full));\n  else res.status(403).end();\n});",
  "app.get('/f/:name', (req, res) => {\n  const full = path.join(ROOT, req.params.name);\n  const rel = path.relative(ROOT, full);\n  if (rel.startsWith('..') || path.isAbsolute(rel)) return res.status(403).end();\n  res.send(fs.readFileSync(full));\n});",
  "app.get('/f/:name', (req, res) => {\n  const full = fs.realpathSync(path.resolve(ROOT, req.params.name));\n  if (full.indexOf(ROOT + path.sep) !== 0) throw new Error('outside');\n  res.send(fs.readFileSync(full));\n});",
  "const ROOT_SEP = ROOT + path.sep;\napp.get('/f/:name', (req, res) => {\n  const full = path.resolve(ROOT, req.params.name);\n  if (!full.startsWith(ROOT_SEP)) return res.status(403).end();\n  res.send(fs.readFileSync(full));\n});",
  "const ALLOWED = new Set(['a.txt', 'b.txt']);\napp.get('/f/:name', (req, res) => {\n  if (!ALLOWED.has(req.params.name)) return res.status(404).end();\n  res.send(fs.readFileSync(path.join(ROOT, req.params.name)));\n});",
  "app.get('/f/:name', (req, res) => {\n  if (['a.txt', 'b.txt'].includes(req.params.name)) res.send(fs.readFileSync(path.join(ROOT, req.params.name)));\n});",
  "app.get('/f/:name', (req, res) => {\n  switch (req.params.name) {\n    case 'a.txt':\n    case 'b.txt':\n      return res.send(fs.readFileSync(path.join(ROOT, req.params.name)));\n    default:\n      return res.status(404).end();\n  }\n});",
  "app.get('/f/:name', (req, res) => {\n  if (!/^[a-z0-9_-]+$/i.test(req.params.name)) return res.status(400).end();\n  res.send(fs.readFileSync(path.join(ROOT, req.params.name + '.json')));\n});",
  "const NAME = /^[\\w-]{1,64}$/;\napp.get('/f/:name', (req, res) => {\n  if (!NAME.test(req.params.name)) return res.status(400).end();\n  res.send(fs.readFileSync(path.join(ROOT, req.params.name)));\n});",
  "app.get('/f/:name', (req, res) => {\n  const name = req.params.name.replace(/[^a-z0-9_-]/gi, '');\n  res.send(fs.readFileSync(path.join(ROOT, name)));\n});",
  // A helper that confines the name before returning it, or returns only what the call does not take from the request.
  "function safePath(name) {\n  const p = path.resolve(ROOT, name);\n  if (!p.startsWith(ROOT + path.sep)) throw new Error('outside');\n  return p;\n}\napp.get('/f/:n', (req, res) => res.send(fs.readFileSync(safePath(req.params.n))));",
  "function plain(name) { return path.join(ROOT, path.basename(name)); }\nfunction fixed(a, b) { return path.join(ROOT, b); }\napp.get('/g/:n', (req, res) => res.send(fs.readFileSync(plain(req.params.n)) + fs.readFileSync(fixed(req.params.n, 'x'))));",
  // A helper that only reworks the string is not followed: its callers check access in helpers of their own.
  "function cleanUrl(u) { return u.replace(/[?#].*$/su, ''); }\nhttp.createServer((req, res) => {\n  const url = cleanUrl(req.url);\n  if (!isServable(ROOT, url)) return;\n  res.end(fs.readFileSync(path.join(ROOT, url)));\n});",
  // A key, not a route: the callback's parameters are no request.
  "cache.get('user:1', (err, v) => fs.readFileSync(path.join(ROOT, v.name)));",
  "const m = new Map();\nfs.readFileSync(path.join(ROOT, m.get('x')));",
  // Normalised, then every leading `..` segment removed by an anchored pattern: nothing left climbs.
  "app.get('/docs/*', (req, res) => {\n  const safe = path.normalize(req.params[0]).replace(/^(\\.\\.(\\/|\\\\|$))+/, '');\n  fs.readFile(path.join(DOCS, safe), 'utf8', (err, md) => res.send(md));\n});",
  // Equal to its own basename: a single component, as path.basename would make it.
  "app.get('/export', (req, res) => {\n  const file = req.query.file;\n  if (typeof file !== 'string' || file !== path.basename(file) || file === '..') return res.sendStatus(400);\n  fs.createReadStream(path.join(EXPORTS, file)).pipe(res);\n});",
  // A URL's pathname joined under a root: the parser left no `..` in it, and nothing decoded it since.
  "http.createServer((req, res) => {\n  const { pathname } = new URL(req.url, 'http://localhost');\n  fs.createReadStream(path.join(ROOT, pathname)).pipe(res);\n});",
  "http.createServer((req, res) => {\n  const url = new URL(req.url, `http://${req.headers.host}`);\n  res.end(fs.readFileSync(path.join(PUBLIC, url.pathname.slice(1))));\n});",
  "http.createServer((req, res) => {\n  const file = path.join(ROOT, new URL(decodeURIComponent(req.url), 'http://x').pathname);\n  fs.createReadStream(file).pipe(res);\n});",
  "http.createServer((req, res) => {\n  const name = decodeURIComponent(new URL(req.url, 'http://x').pathname);\n  if (name.includes('..')) { res.statusCode = 400; return res.end(); }\n  fs.createReadStream(path.join(ROOT, name)).pipe(res);\n});",
  "app.get('/f', (req, res) => {\n  res.sendFile(req.query.file, { root: ROOT });\n});",
  // Fastify's reply.sendFile (and Express with a bare name) confine the name themselves.
  "fastify.get('/f/:name', (request, reply) => reply.sendFile(request.params.name));",
  // A parameter merely called req is not a request.
  "function read(req) {\n  return fs.readFileSync(path.join(ROOT, req.params.name));\n}",
  "const req = { params: { name: 'x' } };\nfs.readFileSync(path.join(ROOT, req.params.name));",
  "items.forEach((req, res) => fs.readFileSync(path.join(ROOT, req.query)));",
  // Not sources: argv, environment, config; request members that are not data.
  "fs.readFileSync(path.join(ROOT, process.argv[2]));",
  "fs.readFileSync(path.join(process.env.DATA_DIR, 'config.json'));",
  "app.get('/health', (req, res) => {\n  res.send(fs.readFileSync(path.join(ROOT, req.method + '.txt')));\n});",
  "app.get('/f', (req, res) => {\n  res.send(fs.readFileSync(path.join(ROOT, 'index.html')));\n});",
  "app.get('/f', (req, res) => {\n  res.send(fs.readdirSync(ROOT).filter((f) => f.endsWith(req.query.ext)));\n});",
  "app.get('/f', (req, res) => {\n  const n = req.query.name.length;\n  res.send(fs.readFileSync(path.join(ROOT, `${n}.txt`)));\n});",
  // The name is not a path: data written to a fixed file.
  "app.post('/log', (req, res) => {\n  fs.appendFileSync(path.join(LOGS, 'app.log'), req.body.message);\n  res.end();\n});",
  // A cache lookup with a (key, value) callback is no route.
  "cache.get(key, (req, res) => fs.readFileSync(path.join(ROOT, req.params.name)));",
  // Archive entries checked, or from a module that is not an archive reader.
  "const AdmZip = require('adm-zip');\nfor (const entry of new AdmZip(archive).getEntries()) {\n  const target = path.resolve(dest, entry.entryName);\n  if (!target.startsWith(dest + path.sep)) throw new Error('zip slip');\n  fs.writeFileSync(target, entry.getData());\n}",
  "emitter.on('entry', (entry) => fs.writeFileSync(path.join(dest, entry.path), ''));",
  "socket.on('data', (chunk) => fs.appendFileSync(path.join(LOGS, 'in.log'), chunk));",
  // A local helper called only with trusted names.
  "function load(name) {\n  return fs.readFileSync(path.join(TEMPLATES, name), 'utf8');\n}\napp.get('/', (req, res) => res.send(load('index.html')));",
  // TypeScript: a type that is not a framework request.
  { code: "interface Request { params: { name: string } }\nexport function download(req: Request) {\n  return fs.readFileSync(path.join(ROOT, req.params.name));\n}", forms: TS },
  { code: "import { Controller, Get } from '@nestjs/common';\n@Controller('files')\nexport class FilesController {\n  @Get()\n  list() {\n    return fs.readdirSync(ROOT);\n  }\n}", forms: TS },
  // Module loading and cwd from trusted parts.
  "app.get('/', (req, res) => res.json(require(path.join(__dirname, 'package.json'))));",
  { code: "const { execFile } = require('child_process');\napp.post('/build', (req, res) => {\n  execFile('make', [req.body.target], { cwd: PROJECT }, () => res.end());\n});", forms: ["cjs"] as FormName[] },
  // Values that do not carry the name: numbers, choices between literals, other request members.
  "app.get('/n/:id', (req, res) => {\n  const id = parseInt(req.params.id, 10);\n  res.send(fs.readFileSync(path.join(ROOT, `${id}.json`)));\n});",
  "app.get('/n', (req, res) => {\n  res.send(fs.readFileSync(path.join(ROOT, `${Number(req.query.n)}.json`)));\n});",
  "app.get('/v', (req, res) => {\n  const file = req.query.v === 'b' ? 'b.txt' : 'a.txt';\n  res.send(fs.readFileSync(path.join(ROOT, file)));\n});",
  "app.use(async (ctx, next) => {\n  await next();\n  fs.writeFileSync(path.join(LOGS, 'last.json'), JSON.stringify(ctx.body));\n});",
  "app.get('/i', (req, res) => {\n  res.sendFile(path.join(__dirname, 'public', 'index.html'));\n});",
  // Prefix checks that hold, or that guard no fs use of a resolved path.
  "function Assets(base) {\n  this.base = path.resolve(base);\n}\nAssets.prototype.open = function (name, cb) {\n  const full = path.join(this.base, name);\n  if (full.indexOf(this.base + path.sep) === 0) fs.stat(full, cb);\n  else cb(new Error('forbidden'));\n};",
  "function Store(dir) {\n  this.dir = dir;\n}\nStore.prototype.get = function (name) {\n  let root = this.dir;\n  const target = path.normalize(path.join(root, name));\n  root = path.normalize(root + path.sep);\n  if (target.substr(0, root.length) !== root) return null;\n  return this.read(target);\n};\nStore.prototype.read = function (file) {\n  return fs.readFileSync(file);\n};",
  "class Shelf {\n  remove(name) {\n    const file = path.resolve(this.root, name);\n    const rel = path.relative(this.root, file);\n    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error('outside');\n    fs.unlinkSync(file);\n  }\n}",
  "function withSlash(dir) {\n  if (!dir.endsWith('/')) return dir + '/';\n  return dir;\n}\nfunction serve(file) {\n  const full = path.resolve(PUBLIC, file);\n  if (!full.startsWith(withSlash(PUBLIC))) return null;\n  return fs.readFileSync(full);\n}",
  "function prune(dir, keep) {\n  for (const entry of fs.readdirSync(dir)) {\n    const file = path.join(dir, entry);\n    if (file.startsWith(keep)) continue;\n    fs.unlinkSync(file);\n  }\n}",
  "function show(file) {\n  const full = path.resolve(file);\n  if (full.startsWith(HOME)) console.log('~' + full.slice(HOME.length));\n  return fs.readFileSync(full, 'utf8');\n}",
  "function route(url) {\n  if (url.startsWith('/static')) return fs.readFileSync(path.join(PUBLIC, 'index.html'));\n  return null;\n}",
  "function cached(name) {\n  const key = name.toLowerCase();\n  if (key.indexOf(PREFIX) === 0) return fs.readFileSync(path.join(CACHE, 'hit'));\n  return undefined;\n}",
  // A check in the caller guards the call that hands the name to a local helper.
  "async function exists(file) {\n  try {\n    await fs.promises.access(file);\n    return true;\n  } catch {\n    return false;\n  }\n}\napp.get('/font/:name', async (req, res) => {\n  const name = req.params.name;\n  if (!FONTS.includes(name)) return res.status(404).end();\n  const file = path.resolve(FONT_DIR, name);\n  res.json({ found: await exists(file) });\n});",
  // A method that is merely called `import` or `download` on another object is no loader and no sendFile.
  "app.post('/i', (req, res) => {\n  catalog.import(req.body.name);\n  mirror.download(req.query.url);\n  res.end();\n});",
  "app.get('/list', (req, res) => {\n  res.json(fs.readdirSync(ROOT).map((f) => fs.statSync(path.join(ROOT, f)).size));\n});",
  // Sanitisers in other shapes: basename first, inline relative, ternary, a root constant ending in '/', a throwing block.
  "app.get('/f/:name', (req, res) => {\n  const name = path.basename(req.params.name);\n  res.send(fs.readFileSync(path.join(ROOT, name)));\n});",
  "app.get('/f/:name', (req, res) => {\n  const full = path.resolve(ROOT, req.params.name);\n  if (path.relative(ROOT, full).startsWith('..')) throw new Error('outside');\n  res.send(fs.readFileSync(full));\n});",
  "app.get('/f/:name', (req, res) => {\n  const full = path.join(ROOT, req.params.name);\n  res.send(full.startsWith(ROOT + path.sep) ? fs.readFileSync(full) : null);\n});",
  "const ROOT_DIR = '/srv/app/';\napp.get('/f/:name', (req, res) => {\n  const full = path.resolve(ROOT_DIR, req.params.name);\n  if (!full.startsWith(ROOT_DIR)) { res.status(403).end(); return; }\n  res.send(fs.readFileSync(full));\n});",
  "app.get('/f/:name', (req, res) => {\n  if (ALLOWED.indexOf(req.params.name) === -1) return res.status(404).end();\n  res.send(fs.readFileSync(path.join(ROOT, req.params.name)));\n});",
  // Archive and upload names reduced to one component or rejected.
  "const yauzl = require('yauzl');\nyauzl.open(archive, (err, zip) => {\n  zip.on('entry', (entry) => {\n    if (/\\.\\./.test(entry.fileName)) return;\n    fs.mkdirSync(path.join(dest, entry.fileName));\n  });\n});",
  { code: "import tar from 'tar-stream';\ntar.extract().on('entry', (header, stream, next) => {\n  stream.pipe(fs.createWriteStream(path.join(dest, path.basename(header.name))));\n  next();\n});", forms: ["esm-default","ts-esm"] as FormName[] },
  { code: "import busboy from 'busboy';\napp.post('/up', (req, res) => {\n  const bb = busboy({ headers: req.headers });\n  bb.on('file', (field, stream, info) => stream.pipe(fs.createWriteStream(path.join(UPLOADS, crypto.randomUUID()))));\n  req.pipe(bb);\n});", forms: ["esm-default","ts-esm"] as FormName[] },
  // A client socket's data and process events other than messages are not sources here.
  "const client = net.connect(SOCKET);\nclient.on('data', (chunk) => fs.appendFileSync(path.join(LOGS, 'client.log'), chunk));",
  "process.on('exit', (code) => fs.writeFileSync(path.join(STATE, 'exit-code'), String(code)));",
  // IPC messages come from the parent that forked this process and chose its code.
  "process.on('message', (msg) => {\n  fs.unlinkSync(path.join(CACHE, msg.key));\n});",
  // The paths an upload middleware chose are the server's, not the client's.
  "app.post('/up', upload.single('f'), (req, res) => {\n  fs.unlinkSync(req.file.path);\n  res.end();\n});",
  "app.post('/up', upload.single('f'), (req, res) => {\n  res.send(fs.readFileSync(path.join(req.file.destination, req.file.filename + '.meta')));\n});",
  // Express's settings getter with one argument registers nothing.
  "const views = app.get('views');\nfs.readdirSync(path.join(views, 'partials'));",
  // Functions shaped like middleware whose first parameter is joined whole: a directory walker
  // taking (start, callback), a module loader hook taking (url, context, nextLoad).
  { code: "module.exports = function (start, callback) {\n  let dir = path.resolve('.', start);\n  while (!callback(dir, fs.readdirSync(dir))) dir = path.dirname(dir);\n};", forms: CJS },
  { code: "export async function load(url, context, nextLoad) {\n  if (!url.endsWith('.txt')) return nextLoad(url, context);\n  return { source: fs.readFileSync(`${url}`.slice(7), 'utf8') };\n}", forms: ESM },
]);

export const invalid = invalidForms([
  // A controller's method handed to the router by name is a route handler.
  {
    code: "const files = {\n  download(req, res) {\n    fs.createReadStream(path.join(ROOT, req.params.name)).pipe(res);\n  },\n};\napp.get('/files/:name', files.download);",
    forms: ESM,
    errors: [{ messageId: 'traversal', line: 3, column: 25 }],
  },
  // Compiled CommonJS: the message names the calls as written, not the `(0, …)` interop form.
  {
    code: "const fs_1 = require(\"fs\");\nconst path_1 = require(\"path\");\napp.get('/f/:name', (req, res) => {\n  res.send((0, fs_1.readFileSync)((0, path_1.join)(ROOT, req.params.name)));\n});",
    errors: [{ messageId: 'traversal', line: 4, column: 35, data: { source: "'req.params.name'", sink: 'fs_1.readFileSync()', through: ' through path_1.join()', helper: 'readFileInside' }, suggestions: [{ messageId: 'useHelper', output: "const fs_1 = require(\"fs\");\nconst path_1 = require(\"path\");\nconst { readFileInsideSync } = require('eslint-plugin-secure-fs/runtime');\napp.get('/f/:name', (req, res) => {\n  res.send(readFileInsideSync(ROOT, req.params.name));\n});" }] }],
    forms: ['cjs'] as FormName[],
  },
  // Express: route parameter, query, body, header; flows through variables, join/resolve, templates.
  {
    code: "app.get('/files/:name', (req, res) => {\n  fs.readFile(path.join(ROOT, req.params.name), (err, data) => res.send(data));\n});",
    errors: [{ messageId: 'traversal', line: 2, column: 15 }],
  },
  {
    code: "router.get('/download', async (req, res) => {\n  const file = req.query.file;\n  const full = path.resolve(ROOT, file);\n  res.send(await fs.promises.readFile(full));\n});",
    errors: [{ messageId: 'traversal', line: 4, column: 39 }],
  },
  {
    code: "app.post('/save', (req, res) => {\n  const { name, content } = req.body;\n  fs.writeFileSync(`${UPLOADS}/${name}`, content);\n  res.end();\n});",
    errors: [{ messageId: 'traversal', line: 3, column: 20 }],
  },
  {
    code: "app.use((req, res, next) => {\n  const lang = req.headers['accept-language'];\n  res.send(fs.readFileSync(path.join(__dirname, 'i18n', lang + '.json')));\n});",
    errors: [{ messageId: 'traversal', line: 3, column: 28 }],
  },
  {
    code: "app.get('/p', ({ query: { page } }, res) => {\n  res.send(fs.readFileSync(path.join(PAGES, page)));\n});",
    errors: [{ messageId: 'traversal', line: 2, column: 28, suggestions: [{ messageId: 'useHelper', output: "app.get('/p', ({ query: { page } }, res) => {\n  res.send(readFileInsideSync(PAGES, page));\n});", imports: 'readFileInsideSync' }] }],
  },
  {
    code: "app.get('/f/:name', (req, res) => {\n  res.sendFile(path.join(__dirname, 'public', req.params.name));\n});",
    errors: [{ messageId: 'traversal', line: 2, column: 16 }],
  },
  {
    code: "app.get('/f/:name', (req, res) => {\n  res.download(`${ROOT}/${req.params.name}`);\n});",
    errors: [{ messageId: 'traversal', line: 2, column: 16 }],
  },
  // A local helper function.
  {
    code: "function load(name) {\n  return fs.readFileSync(path.join(TEMPLATES, name), 'utf8');\n}\napp.get('/t/:name', (req, res) => res.send(load(req.params.name)));",
    errors: [{ messageId: 'traversal', line: 2, column: 26, suggestions: [{ messageId: 'useHelper', output: "function load(name) {\n  return readFileInsideSync(TEMPLATES, name, { encoding: 'utf8' });\n}\napp.get('/t/:name', (req, res) => res.send(load(req.params.name)));", imports: 'readFileInsideSync' }] }],
  },
  {
    code: "const remove = (file) => fs.promises.unlink(path.join(UPLOADS, file));\napp.delete('/u', async (req, res) => { await remove(req.query.file); res.end(); });",
    errors: [{ messageId: 'traversal', line: 1, column: 45, suggestions: [{ messageId: 'useHelper', output: "const remove = (file) => removeInside(UPLOADS, file);\napp.delete('/u', async (req, res) => { await remove(req.query.file); res.end(); });", imports: 'removeInside' }] }],
  },
  // Node http: req.url, new URL(…).pathname and searchParams, decodeURIComponent.
  {
    code: "http.createServer((req, res) => {\n  const { pathname } = new URL(req.url, 'http://localhost');\n  fs.createReadStream(path.join(ROOT, decodeURIComponent(pathname))).pipe(res);\n});",
    errors: [{ messageId: 'traversal', line: 3, column: 23 }],
  },
  // The pathname alone, resolved (it is absolute), or joined first is not under a root.
  {
    code: "http.createServer((req, res) => {\n  fs.readFile(new URL(req.url, 'http://x').pathname, (err, data) => res.end(data));\n});",
    errors: [{ messageId: 'traversal', line: 2, column: 15 }],
  },
  {
    code: "http.createServer((req, res) => {\n  const { pathname } = new URL(req.url, 'http://localhost');\n  fs.createReadStream(path.resolve(ROOT, pathname)).pipe(res);\n});",
    errors: [{ messageId: 'traversal', line: 3, column: 23 }],
  },
  {
    code: "http.createServer((req, res) => {\n  const url = new URL(req.url, 'http://x');\n  res.end(fs.readFileSync(path.join(url.pathname, 'index.html')));\n});",
    errors: [{ messageId: 'traversal', line: 3, column: 27 }],
  },
  {
    code: "http.createServer((req, res) => {\n  const file = new URL(req.url, 'http://x').searchParams.get('file');\n  fs.stat(path.join(ROOT, file), (err, st) => res.end(String(st.size)));\n});",
    errors: [{ messageId: 'traversal', line: 3, column: 11 }],
  },
  {
    code: "const server = http.createServer();\nserver.on('request', (req, res) => {\n  fs.createReadStream(ROOT + req.url).pipe(res);\n});",
    errors: [{ messageId: 'traversal', line: 3, column: 23 }],
  },
  // Koa.
  {
    code: "router.get('/files/:name', async (ctx) => {\n  ctx.body = fs.createReadStream(path.join(ROOT, ctx.params.name));\n});",
    errors: [{ messageId: 'traversal', line: 2, column: 34 }],
  },
  {
    code: "app.use(async (ctx, next) => {\n  await fs.promises.writeFile(path.join(UPLOADS, ctx.request.body.name), ctx.request.body.data);\n  await next();\n});",
    errors: [{ messageId: 'traversal', line: 2, column: 31, suggestions: [{ messageId: 'useHelper', output: "app.use(async (ctx, next) => {\n  await writeFileInside(UPLOADS, ctx.request.body.name, ctx.request.body.data);\n  await next();\n});", imports: 'writeFileInside' }] }],
  },
  // Fastify (route object) and hapi.
  {
    code: "fastify.route({ method: 'GET', url: '/f/:name', handler: async (request, reply) => {\n  return fs.promises.readFile(path.join(ROOT, request.params.name));\n} });",
    errors: [{ messageId: 'traversal', line: 2, column: 31, suggestions: [{ messageId: 'useHelper', output: "fastify.route({ method: 'GET', url: '/f/:name', handler: async (request, reply) => {\n  return readFileInside(ROOT, request.params.name);\n} });", imports: 'readFileInside' }] }],
  },
  {
    code: "server.route({ method: 'POST', path: '/up', handler(request, h) {\n  fs.writeFileSync(path.join(UPLOADS, request.payload.filename), request.payload.file);\n  return h.response('ok');\n} });",
    errors: [{ messageId: 'traversal', line: 2, column: 20, suggestions: [{ messageId: 'useHelper', output: "server.route({ method: 'POST', path: '/up', handler(request, h) {\n  writeFileInsideSync(UPLOADS, request.payload.filename, request.payload.file);\n  return h.response('ok');\n} });", imports: 'writeFileInsideSync' }] }],
  },
  // Uploads (multer's file, busboy's info) and archive entries.
  {
    code: "app.post('/up', upload.single('f'), (req, res) => {\n  fs.renameSync(req.file.path, path.join(UPLOADS, req.file.originalname));\n  res.end();\n});",
    errors: [{ messageId: 'traversal', line: 2, column: 32 }],
  },
  {
    code: "const AdmZip = require('adm-zip');\nfor (const entry of new AdmZip(archive).getEntries()) {\n  fs.writeFile(path.join(dest, entry.entryName), entry.getData(), done);\n}",
    forms: CJS,
    errors: [{ messageId: 'traversal', line: 3, column: 16 }],
  },
  {
    code: "const yauzl = require('yauzl');\nyauzl.open(archive, { lazyEntries: true }, (err, zip) => {\n  zip.on('entry', (entry) => {\n    zip.openReadStream(entry, (e, stream) => stream.pipe(fs.createWriteStream(path.join(dest, entry.fileName))));\n  });\n});",
    forms: CJS,
    errors: [{ messageId: 'traversal', line: 4, column: 79 }],
  },
  {
    code: "import tar from 'tar-stream';\nconst extract = tar.extract();\nextract.on('entry', (header, stream, next) => {\n  stream.pipe(fs.createWriteStream(path.join(dest, header.name)));\n  stream.on('end', next);\n});",
    forms: ESM,
    errors: [{ messageId: 'traversal', line: 4, column: 36 }],
  },
  {
    code: "import unzipper from 'unzipper';\nfs.createReadStream(archive).pipe(unzipper.Parse()).on('entry', (entry) => {\n  entry.pipe(fs.createWriteStream(path.join(dest, entry.path)));\n});",
    forms: ["esm-default","ts-esm"] as FormName[],
    errors: [{ messageId: 'traversal', line: 3, column: 35 }],
  },
  {
    code: "import JSZip from 'jszip';\nconst zip = await JSZip.loadAsync(data);\nzip.forEach((relativePath, file) => {\n  fs.mkdirSync(path.join(dest, relativePath), { recursive: true });\n});",
    forms: ["esm-default","ts-esm"] as FormName[],
    errors: [{ messageId: 'traversal', line: 4, column: 16 }],
  },
  {
    code: "import busboy from 'busboy';\napp.post('/up', (req, res) => {\n  const bb = busboy({ headers: req.headers });\n  bb.on('file', (field, stream, info) => stream.pipe(fs.createWriteStream(path.join(UPLOADS, info.filename))));\n  req.pipe(bb);\n});",
    forms: ["esm-default","ts-esm"] as FormName[],
    errors: [{ messageId: 'traversal', line: 4, column: 75 }],
  },
  {
    code: "app.post('/avatar', (req, res) => {\n  const { avatar } = req.files;\n  fs.writeFileSync(path.join(UPLOADS, avatar.name), avatar.data);\n  res.end();\n});",
    errors: [{ messageId: 'traversal', line: 3, column: 20, suggestions: [{ messageId: 'useHelper', output: "app.post('/avatar', (req, res) => {\n  const { avatar } = req.files;\n  writeFileInsideSync(UPLOADS, avatar.name, avatar.data);\n  res.end();\n});", imports: 'writeFileInsideSync' }] }],
  },
  {
    code: "import formidable from 'formidable';\napp.post('/up', (req, res) => {\n  formidable().parse(req, (err, fields, files) => {\n    fs.renameSync(files.doc.filepath, path.join(UPLOADS, files.doc.originalFilename));\n    res.end();\n  });\n});",
    forms: ESM,
    errors: [{ messageId: 'traversal', line: 4, column: 39 }],
  },
  {
    code: "app.post('/many', upload.array('f'), (req, res) => {\n  for (const file of req.files) fs.copyFileSync(file.path, path.join(ARCHIVE, file.originalname));\n  res.end();\n});",
    errors: [{ messageId: 'traversal', line: 2, column: 60 }],
  },
  // Sockets of a registered server, also once parsed.
  {
    code: "net.createServer((socket) => {\n  socket.on('data', (chunk) => {\n    const { file } = JSON.parse(chunk);\n    socket.end(fs.readFileSync(path.join(SHARE, file)));\n  });\n});",
    errors: [{ messageId: 'traversal', line: 4, column: 32, suggestions: [{ messageId: 'useHelper', output: "net.createServer((socket) => {\n  socket.on('data', (chunk) => {\n    const { file } = JSON.parse(chunk);\n    socket.end(readFileInsideSync(SHARE, file));\n  });\n});", imports: 'readFileInsideSync' }] }],
  },
  {
    code: "wss.on('connection', (ws) => {\n  ws.on('message', (data) => fs.appendFileSync(path.join(LOGS, JSON.parse(data).channel), data));\n});",
    errors: [{ messageId: 'traversal', line: 2, column: 48 }],
  },
  // Near-misses: each sanitiser done wrong keeps its own message.
  {
    code: "app.get('/f/:name', (req, res) => {\n  const full = path.resolve(ROOT, req.params.name);\n  if (!full.startsWith(ROOT)) return res.status(403).end();\n  res.send(fs.readFileSync(full));\n});",
    errors: [{ messageId: 'prefixWithoutSeparator', line: 4, column: 28 }],
  },
  {
    code: "app.get('/f/:name', (req, res) => {\n  const full = path.join(ROOT, req.params.name);\n  if (full.indexOf(ROOT) !== 0) return res.status(403).end();\n  res.send(fs.readFileSync(full));\n});",
    errors: [{ messageId: 'prefixWithoutSeparator', line: 4, column: 28 }],
  },
  {
    code: "app.get('/f/:name', (req, res) => {\n  const full = ROOT + '/' + req.params.name;\n  if (!full.startsWith(ROOT + path.sep)) return res.status(403).end();\n  res.send(fs.readFileSync(full));\n});",
    errors: [{ messageId: 'unresolved', line: 4, column: 28 }],
  },
  {
    code: "http.createServer((req, res) => {\n  if (req.url.includes('..')) { res.statusCode = 400; return res.end(); }\n  const name = decodeURIComponent(req.url);\n  fs.createReadStream(path.join(ROOT, name)).pipe(res);\n});",
    errors: [{ messageId: 'beforeDecode', line: 4, column: 23 }],
  },
  {
    code: "app.get('/f/:name', (req, res) => {\n  const name = req.params.name.replace('../', '');\n  res.send(fs.readFileSync(path.join(ROOT, name)));\n});",
    errors: [{ messageId: 'stripDots', line: 3, column: 28, suggestions: [{ messageId: 'useHelper', output: "app.get('/f/:name', (req, res) => {\n  const name = req.params.name.replace('../', '');\n  res.send(readFileInsideSync(ROOT, name));\n});", imports: 'readFileInsideSync' }] }],
  },
  {
    code: "app.get('/f/:name', (req, res) => {\n  const name = req.params.name.replace(/\\.\\.\\//g, '');\n  res.send(fs.readFileSync(path.join(ROOT, name)));\n});",
    errors: [{ messageId: 'stripDots', line: 3, column: 28, suggestions: [{ messageId: 'useHelper', output: "app.get('/f/:name', (req, res) => {\n  const name = req.params.name.replace(/\\.\\.\\//g, '');\n  res.send(readFileInsideSync(ROOT, name));\n});", imports: 'readFileInsideSync' }] }],
  },  // Handlers however they are registered: through a wrapper, under a constant path, after app.route(path), as a Fastify option.
  {
    code: "app.get('/f/:n', asyncHandler(async (req, res) => {\n  res.send(fs.readFileSync(path.join(ROOT, req.params.n)));\n}));",
    errors: [{ messageId: 'traversal', line: 2, column: 28, suggestions: [{ messageId: 'useHelper', output: "app.get('/f/:n', asyncHandler(async (req, res) => {\n  res.send(readFileInsideSync(ROOT, req.params.n));\n}));", imports: 'readFileInsideSync' }] }],
  },
  {
    code: "const ROUTE = '/f/:n';\napp.get(ROUTE, (req, res) => res.send(fs.readFileSync(path.join(ROOT, req.params.n))));",
    errors: [{ messageId: 'traversal', line: 2, column: 55, suggestions: [{ messageId: 'useHelper', output: "const ROUTE = '/f/:n';\napp.get(ROUTE, (req, res) => res.send(readFileInsideSync(ROOT, req.params.n)));", imports: 'readFileInsideSync' }] }],
  },
  {
    code: "app.route('/d/:slug').put((req, res) => {\n  fs.writeFileSync(path.join(DIR, req.params.slug), req.body);\n  res.end();\n});",
    errors: [{ messageId: 'traversal', line: 2, column: 20, suggestions: [{ messageId: 'useHelper', output: "app.route('/d/:slug').put((req, res) => {\n  writeFileInsideSync(DIR, req.params.slug, req.body);\n  res.end();\n});", imports: 'writeFileInsideSync' }] }],
  },
  {
    code: "app.route({ method: 'GET', url: '/f/:n', handler: async (request) => fs.promises.readFile(path.join(ROOT, request.params.n)) });",
    errors: [{ messageId: 'traversal', line: 1, column: 91, suggestions: [{ messageId: 'useHelper', output: "app.route({ method: 'GET', url: '/f/:n', handler: async (request) => readFileInside(ROOT, request.params.n) });", imports: 'readFileInside' }] }],
  },
  {
    code: "app.get('/t', (req, res) => res.send(fs.readFileSync(path.join(D, req.get('X-Tenant-Id'), 'cfg.json'))));",
    errors: [{ messageId: 'traversal', line: 1, column: 54 }],
  },
  // What a local helper returns of the request data this call hands it.
  {
    code: "function userFile(user, name) {\n  return path.join(DATA, 'users', user, name);\n}\napp.get('/u/:user/:name', (req, res) => res.send(fs.readFileSync(userFile(req.params.user, req.params.name))));",
    errors: [{ messageId: 'traversal', line: 4, column: 66 }],
  },
  // The same anchored pattern without normalising first: `a/../../x` keeps its `..` inside.
  {
    code: "app.get('/f/:name', (req, res) => {\n  const name = req.params.name.replace(/^(\\.\\.\\/)+/, '');\n  res.send(fs.readFileSync(path.join(ROOT, name)));\n});",
    errors: [{ messageId: 'stripDots', line: 3, column: 28, suggestions: [{ messageId: 'useHelper', output: "app.get('/f/:name', (req, res) => {\n  const name = req.params.name.replace(/^(\\.\\.\\/)+/, '');\n  res.send(readFileInsideSync(ROOT, name));\n});", imports: 'readFileInsideSync' }] }],
  },
  // Compared with the basename of something else.
  {
    code: "app.get('/f/:name', (req, res) => {\n  const name = req.params.name;\n  if (name !== path.basename(req.path)) return res.sendStatus(400);\n  res.send(fs.readFileSync(path.join(ROOT, name)));\n});",
    errors: [{ messageId: 'traversal', line: 4, column: 28, suggestions: [{ messageId: 'useHelper', output: "app.get('/f/:name', (req, res) => {\n  const name = req.params.name;\n  if (name !== path.basename(req.path)) return res.sendStatus(400);\n  res.send(readFileInsideSync(ROOT, name));\n});", imports: 'readFileInsideSync' }] }],
  },

  {
    code: "app.get('/f/:name', (req, res) => {\n  res.send(fs.readFileSync(path.join(ROOT, path.normalize(req.params.name))));\n});",
    errors: [{ messageId: 'normalizeOnly', line: 2, column: 28, suggestions: [{ messageId: 'useHelper', output: "app.get('/f/:name', (req, res) => {\n  res.send(readFileInsideSync(ROOT, path.normalize(req.params.name)));\n});", imports: 'readFileInsideSync' }] }],
  },
  {
    code: "http.createServer((req, res) => {\n  const full = path.normalize(path.join(ROOT, decodeURIComponent(req.url)));\n  if (full.substr(0, ROOT.length) !== ROOT) { res.statusCode = 403; return res.end(); }\n  fs.createReadStream(full).pipe(res);\n});",
    errors: [{ messageId: 'prefixWithoutSeparator', line: 4, column: 23 }],
  },
  // A prefix check without a separator on a resolved path is the defect wherever the path came
  // from: a method's parameter, through prototype methods, `this`/`self` calls, a leaving `if`.
  {
    code: "function Assets(base) {\n  this.base = path.resolve(base);\n}\nAssets.prototype.open = function (name, cb) {\n  const full = path.join(this.base, name);\n  if (full.indexOf(this.base) === 0) fs.stat(full, cb);\n  else cb(new Error('forbidden'));\n};",
    errors: [{ messageId: 'brokenContainment', line: 6, column: 7, data: { check: 'full.indexOf(this.base) === 0', subject: 'full', sink: 'fs.stat()', helper: 'statInside' }, suggestions: [{ messageId: 'useSeparator', output: "function Assets(base) {\n  this.base = path.resolve(base);\n}\nAssets.prototype.open = function (name, cb) {\n  const full = path.join(this.base, name);\n  if (full.indexOf(this.base + path.sep) === 0) fs.stat(full, cb);\n  else cb(new Error('forbidden'));\n};" }] }],
    forms: ['cjs'] as FormName[],
  },
  {
    code: "function Store(dir) {\n  this.dir = dir;\n}\nStore.prototype.get = function (name) {\n  let target = this.dir;\n  target = path.normalize(path.join(this.dir, name));\n  if (target.substr(0, this.dir.length) !== this.dir) return null;\n  return this.read(target);\n};\nStore.prototype.read = function (file) {\n  return fs.readFileSync(file);\n};",
    errors: [{ messageId: 'brokenContainment', line: 7, column: 7 }],
  },
  {
    code: "class Shelf {\n  constructor(root) { this.root = path.resolve(root); }\n  locate(name) { return path.resolve(this.root, name); }\n  remove(name) {\n    const file = this.locate(name);\n    if (!file.startsWith(this.root)) throw new Error('outside');\n    fs.unlinkSync(file);\n  }\n}",
    errors: [{ messageId: 'brokenContainment', line: 6, column: 10, suggestions: [{ messageId: 'useSeparator', output: "class Shelf {\n  constructor(root) { this.root = path.resolve(root); }\n  locate(name) { return path.resolve(this.root, name); }\n  remove(name) {\n    const file = this.locate(name);\n    if (!file.startsWith(this.root + path.sep)) throw new Error('outside');\n    fs.unlinkSync(file);\n  }\n}" }] }],
    forms: NAMESPACE,
  },
  {
    code: "var Pages = function (root) {\n  this.root = root;\n};\nPages.prototype.serve = function (name, done) {\n  var self = this;\n  var page = self.where(name);\n  if (page.indexOf(self.root) !== 0) return done(403);\n  self.send(page, done);\n};\nPages.prototype.where = function (name) {\n  return path.resolve(path.join(this.root, name));\n};\nPages.prototype.send = function (file, done) {\n  fs.readFile(file, done);\n};",
    errors: [{ messageId: 'brokenContainment', line: 7, column: 7, suggestions: [{ messageId: 'useSeparator', output: "var Pages = function (root) {\n  this.root = root;\n};\nPages.prototype.serve = function (name, done) {\n  var self = this;\n  var page = self.where(name);\n  if (page.indexOf(self.root + path.sep) !== 0) return done(403);\n  self.send(page, done);\n};\nPages.prototype.where = function (name) {\n  return path.resolve(path.join(this.root, name));\n};\nPages.prototype.send = function (file, done) {\n  fs.readFile(file, done);\n};" }] }],
    forms: NAMESPACE.filter((f) => CJS.includes(f)),
  },
  {
    code: "function trimmed(dir) {\n  return dir.trim();\n}\nfunction serve(file) {\n  const full = path.resolve(PUBLIC, file);\n  if (!full.startsWith(trimmed(PUBLIC))) return null;\n  return fs.readFileSync(full);\n}",
    errors: [{ messageId: 'brokenContainment', line: 6, column: 8, suggestions: [{ messageId: 'useSeparator', output: "function trimmed(dir) {\n  return dir.trim();\n}\nfunction serve(file) {\n  const full = path.resolve(PUBLIC, file);\n  if (!full.startsWith(trimmed(PUBLIC) + path.sep)) return null;\n  return fs.readFileSync(full);\n}" }] }],
    forms: NAMESPACE,
  },
  // Compiled CommonJS spells the separator through the module binding; destructured imports leave nothing to spell it with.
  {
    code: "const path_1 = require(\"path\");\nconst fs_1 = require(\"fs\");\nfunction read(root, name) {\n  const file = (0, path_1.resolve)(root, name);\n  if (!file.startsWith(root)) return undefined;\n  return (0, fs_1.readFileSync)(file);\n}",
    errors: [{ messageId: 'brokenContainment', line: 5, column: 8, suggestions: [{ messageId: 'useSeparator', output: "const path_1 = require(\"path\");\nconst fs_1 = require(\"fs\");\nfunction read(root, name) {\n  const file = (0, path_1.resolve)(root, name);\n  if (!file.startsWith(root + path_1.sep)) return undefined;\n  return (0, fs_1.readFileSync)(file);\n}" }] }],
    forms: ['cjs'] as FormName[],
  },
  {
    code: "const { resolve } = require('path');\nconst { readFileSync } = require('fs');\nfunction read(root, name) {\n  const file = resolve(root, name);\n  if (file.indexOf(root) !== 0) return undefined;\n  return readFileSync(file);\n}",
    errors: [{ messageId: 'brokenContainment', line: 5, column: 7, suggestions: [] }],
    forms: ['cjs'] as FormName[],
  },
  // A check in a branch that does not leave, or after the use, guards nothing.
  {
    code: "app.get('/f/:name', (req, res) => {\n  const full = path.resolve(ROOT, req.params.name);\n  if (!full.startsWith(ROOT + path.sep)) console.warn('outside', full);\n  res.send(fs.readFileSync(full));\n});",
    errors: [{ messageId: 'traversal', line: 4, column: 28 }],
  },
  {
    code: "app.get('/f/:name', (req, res) => {\n  const data = fs.readFileSync(path.join(ROOT, req.params.name));\n  if (ALLOWED.has(req.params.name)) res.send(data);\n});",
    errors: [{ messageId: 'traversal', line: 2, column: 32, suggestions: [{ messageId: 'useHelper', output: "app.get('/f/:name', (req, res) => {\n  const data = readFileInsideSync(ROOT, req.params.name);\n  if (ALLOWED.has(req.params.name)) res.send(data);\n});", imports: 'readFileInsideSync' }] }],
  },
  // A regex that admits dots is no allowlist.
  {
    code: "app.get('/f/:name', (req, res) => {\n  if (!/^[\\w.-]+$/.test(req.params.name)) return res.status(400).end();\n  res.send(fs.readFileSync(path.join(ROOT, req.params.name)));\n});",
    errors: [{ messageId: 'traversal', line: 3, column: 28, suggestions: [{ messageId: 'useHelper', output: "app.get('/f/:name', (req, res) => {\n  if (!/^[\\w.-]+$/.test(req.params.name)) return res.status(400).end();\n  res.send(readFileInsideSync(ROOT, req.params.name));\n});", imports: 'readFileInsideSync' }] }],
  },
  // Module loading and child_process cwd.
  {
    code: "app.get('/plugin/:id', (req, res) => {\n  const plugin = require(path.join(PLUGINS, req.params.id));\n  res.json(plugin.describe());\n});",
    forms: ["cjs","esm-default","ts-esm"] as FormName[],
    errors: [{ messageId: 'traversal', line: 2, column: 26 }],
  },
  {
    code: "app.get('/lang/:id', async (req, res) => {\n  res.json(await import(`./locales/${req.params.id}.js`));\n});",
    forms: ["esm-default","ts-esm"] as FormName[],
    errors: [{ messageId: 'traversal', line: 2, column: 25 }],
  },
  {
    code: "const { execFile } = require('child_process');\napp.post('/build', (req, res) => {\n  execFile('make', [], { cwd: path.join(PROJECTS, req.body.project) }, () => res.end());\n});",
    forms: ["cjs","esm-default"] as FormName[],
    errors: [{ messageId: 'traversal', line: 3, column: 31 }],
  },
  // TypeScript: Express's Request type, Nest's @Param().
  {
    code: "import type { Request, Response } from 'express';\nexport function download(req: Request, res: Response) {\n  fs.createReadStream(path.join(ROOT, req.params.name)).pipe(res);\n}",
    forms: TS,
    errors: [{ messageId: 'traversal', line: 3, column: 23 }],
  },
  {
    code: "import { Controller, Get, Param } from '@nestjs/common';\n@Controller('files')\nexport class FilesController {\n  @Get(':name')\n  get(@Param('name') name: string) {\n    return fs.createReadStream(path.join(ROOT, name));\n  }\n}",
    forms: TS,
    errors: [{ messageId: 'traversal', line: 6, column: 32 }],
  },
  {
    code: "import type { Context } from 'koa';\nexport async function show(ctx: Context) {\n  ctx.body = fs.createReadStream(path.join(ROOT, ctx.query.file as string));\n}",
    forms: TS,
    errors: [{ messageId: 'traversal', line: 3, column: 34 }],
  },
]);
