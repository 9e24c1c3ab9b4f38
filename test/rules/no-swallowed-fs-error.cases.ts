import { invalidForms, validForms } from '../helpers/forms.js';

const swallowed = (line: number, column: number, call: string, fallback: string, helper: string) => ({
  messageId: 'swallowedFsError',
  data: { call, fallback, helper },
  line,
  column,
});

const rewrite = (helper: string, fallback: string, output: string) => ({
  messageId: 'useHelper',
  data: { helper, fallback },
  output,
  imports: helper,
});

export const valid = validForms([
  // Only the expected absence becomes a default; the rest propagates.
  "async function list(dir) {\n  try { return await fs.promises.readdir(dir); }\n  catch (e) { if (e.code === 'ENOENT') return []; throw e; }\n}",
  "function read(p) {\n  try { return fs.readFileSync(p, 'utf8'); }\n  catch (err) { if (['ENOENT', 'ENOTDIR'].includes(err.code)) return ''; throw err; }\n}",
  "function read(p) {\n  try { return fs.readFileSync(p, 'utf8'); }\n  catch ({ code }) { return code === 'ENOENT' ? '' : null; }\n}",
  "async function read(p) {\n  try { return JSON.parse(await fs.promises.readFile(p, 'utf8')); }\n  catch (e) { if (isNotFound(e)) return {}; throw e; }\n}",
  // Logs and rethrows; hands the error to the caller.
  "function read(p) {\n  try { return fs.readFileSync(p); }\n  catch (e) { console.error('cannot read', p, e); throw e; }\n}",
  "function read(p, cb) {\n  try { cb(null, fs.readFileSync(p)); }\n  catch (e) { cb(e); }\n}",
  "function read(p) {\n  try { return { ok: true, data: fs.readFileSync(p) }; }\n  catch (error) { return { ok: false, error }; }\n}",
  "fs.readdir(dir, (err, files) => {\n  if (err) return done(err);\n  done(null, files);\n});",
  "fs.readFile(p, (err, data) => {\n  if (err && err.code === 'ENOENT') return done(null, '');\n  if (err) return done(err);\n  done(null, data);\n});",
  // A named callback: its name is declared in its own scope, before the parameters.
  "fs.readFile(p, function onRead(err, data) {\n  if (err && err.code === 'ENOENT') return done(null, '');\n  if (err) return done(err);\n  done(null, data);\n});",
  "function listDir(dir, cb) {\n  fs.readdir(dir, function onList(err, files) { cb(err, files || []); });\n}",
  "fs.promises.readdir(dir).catch((e) => { if (e.code === 'ENOENT') return []; throw e; });",
  // Best-effort clean-up, writes that report failure, existence probes.
  "try { fs.unlinkSync(p); } catch {}",
  "try { fs.rmSync(dir, { recursive: true }); } catch (e) { /* best effort */ }",
  "function save(p, s) {\n  try { fs.writeFileSync(p, s); return true; } catch { return false; }\n}",
  "function exists(p) {\n  try { fs.statSync(p); return true; } catch { return false; }\n}",
  "async function exists(p) {\n  try { await fs.promises.access(p); return true; } catch { return false; }\n}",
  "function isReadable(p) {\n  try { fs.readFileSync(p); return true; } catch { return false; }\n}",
  // The helpers themselves.
  "async function f(dir, p) {\n  const files = await readdirOrEmpty(dir);\n  const text = ignoreNotFoundSync(() => fs.readFileSync(p, 'utf8'), '');\n}",
  // A promise that is not awaited is not caught by the try (a different bug).
  "function list(dir) {\n  try { return fs.promises.readdir(dir); } catch { return []; }\n}",
  // A callback failure never reaches a surrounding try.
  "try { fs.readFile(p, (err, data) => use(data)); } catch { use(null); }",
  // Falls back to something computed, not a default.
  "function real(p) {\n  try { return fs.realpathSync(p); } catch { return p; }\n}",
  // Not a read.
  "function make(dir) { try { fs.mkdirSync(dir); } catch { return null; } }",
  "let out;\ntry { out = compute(); } catch { out = []; }",
  // A read whose result is unused, and an empty catch with nothing to default.
  "try { fs.readFileSync(p); } catch {}",
  // A local variable merely called fs.
  { code: "function f(fs) { try { return fs.readFileSync(p); } catch { return ''; } }", forms: ['cjs', 'esm-default', 'ts-esm'] },
  // The catch belongs to the inner try.
  "function f(p) {\n  try {\n    try { return fs.readFileSync(p); } catch (e) { if (e.code !== 'ENOENT') throw e; return ''; }\n  } catch { return 'x'; }\n}",
  // A rejection handler, an errback conditional and a stream listener that keep other failures.
  "fs.promises.readdir(dir).then((names) => names.sort(), (e) => { if (e.code === 'ENOENT') return []; throw e; });",
  "fs.readFile(p, 'utf8', (err, text) => done(null, err && err.code === 'ENOENT' ? {} : JSON.parse(text)));",
  "fs.readFile(p, 'utf8', (err, text) => done(err ? err : null, text));",
  "new Promise((resolve, reject) => {\n  const input = fs.createReadStream(p);\n  input.on('error', (e) => reject(e));\n  input.on('end', () => resolve(sum));\n});",
  "new Promise((resolve, reject) => { fs.createReadStream(p).on('error', reject).on('end', resolve); });",
  // A built-in page in place of an optional custom one is not an empty value.
  "fs.readFile(custom, (err, page) => { res.end(err ? '<h1>Not found</h1>' : page); });",
  // A wrapper whose caller keeps the failures other than ENOENT.
  "const store = {\n  load(p) { return JSON.parse(fs.readFileSync(p, 'utf8')); },\n  get(p, fallback) { try { return this.load(p); } catch (e) { if (e.code !== 'ENOENT') throw e; return fallback; } },\n};",
  // The path as given when it cannot be resolved; the same value either way.
  "function resolve(file) {\n  try { file = fs.realpathSync(file); } catch {}\n  return file;\n}",
  "function expand(dir) {\n  try { var entries = fs.readdirSync(dir); use(entries); } catch (ex) {}\n  return [];\n}",
  // A catch that sets a failure status, not a stand-in for what was read.
  "for (const file of files) {\n  try { build(JSON.parse(fs.readFileSync(file, 'utf8'))); }\n  catch (error) { io.error(`Cannot build ${file}: ${error.message}`); exitCode = 1; continue; }\n}",
  "function getConf() {\n  try { return JSON.parse(fs.readFileSync(CONF)); }\n  catch (e) { console.error(e.code === 'ENOENT' ? 'no conf' : e.stack); return {}; }\n}",
  "try {\n  options.cwd = fs.realpathSync(process.cwd());\n} catch {\n  // ignored: the cwd stays as given\n}",
  "function touch(key) {\n  try { var current = JSON.parse(fs.readFileSync(conf)); } catch (e) { return null; }\n  return null;\n}",
  // The read's own input returned: not a default handed in by the caller.
  "function pick(p, q) { try { return fs.readFileSync(p, 'utf8'); } catch { return p + q; } }",
  // A frozen value computed elsewhere is no default.
  "const LIVE = Object.freeze(loadLive());\nfunction load(p) { try { return JSON.parse(fs.readFileSync(p, 'utf8')); } catch { return LIVE; } }",
  // An empty handler on a promise whose value nobody takes: a best-effort read-ahead, not a stand-in.
  "fs.promises.readFile(p).then(warm).catch(() => {});",
  // Handlers that answer with a failure status: a status assigned is not a stand-in for the data.
  "fs.readFile(index, (err, html) => {\n  if (err) {\n    console.error('cannot read index.html', err);\n    res.statusCode = 500;\n    return res.end('Internal Server Error');\n  }\n  res.end(html);\n});",
  "fs.promises.readFile(p, 'utf8').then(print).catch((err) => {\n  console.error(`pkgver: ${err.message}`);\n  process.exitCode = 1;\n});",
  "fs.createReadStream(p).on('error', () => { res.statusCode = 404; res.end(); }).pipe(res);",
  // An error-first callback that never reads the error: only an empty default for the data is a stand-in.
  "function listDir(dir, cb) {\n  fs.readdir(dir, (err, files) => cb(err, files || []));\n}",
  "function listDir(dir, cb) {\n  fs.readdir(dir, (err, files) => { for (const f of files) cb(f); });\n}",
  "function load(p, done) {\n  fs.readFile(p, (err, buf) => done(buf || FALLBACK_PAGE));\n}",
  "function count(dir, cb) {\n  fs.readdir(dir, (err, files) => cb(null, files && files.length));\n}",
  // fs-extra's readJsonSync throws as usual, or leaves only a parse error to `throws: false` (the async forms).
  { code: "const fse = require('fs-extra');\nconst pkg = fse.readJsonSync(p);", forms: ['cjs'] },
  { code: "const fse = require('fs-extra');\nconst pkg = fse.readJsonSync(p, { throws: true });", forms: ['cjs'] },
  { code: "const fse = require('fs-extra');\nconst pkg = fse.readJsonSync(p, { throws: strict });", forms: ['cjs'] },
  { code: "const fse = require('fs-extra');\nasync function load(p) { return (await fse.readJson(p, { throws: false })) || {}; }", forms: ['cjs'] },
  { code: "const fse = require('fs-extra');\nfse.readJson(p, { throws: false }, (err, pkg) => done(err, pkg || {}));", forms: ['cjs'] },
  // Handlers given by name: only the file's own functions are looked into, and they are judged as written in place.
  "const noop = require('lodash/noop');\nasync function read(p) { return await fs.promises.readFile(p, 'utf8').catch(noop); }",
  "async function read(p) { return await fs.promises.readFile(p, 'utf8').catch(onError); }",
  "function onMissing(e) { if (e.code !== 'ENOENT') throw e; return ''; }\nasync function read(p) { return await fs.promises.readFile(p, 'utf8').catch(onMissing); }",
  "const noop = () => {};\nfs.promises.readFile(p).then(warm).catch(noop);",
  "let fallback = () => {};\nfallback = (e) => { throw e; };\nasync function read(p) { return await fs.promises.readFile(p, 'utf8').catch(fallback); }",
  "const report = (err) => { console.error(err); process.exitCode = 1; };\nfs.promises.readFile(p, 'utf8').then(print, report);",
]);

export const invalid = invalidForms([
  {
    code: 'async function list(dir) {\n  try { return await fs.promises.readdir(dir); } catch { return []; }\n}',
    errors: [
      {
        ...swallowed(2, 50, 'readdir', '[]', 'readdirOrEmpty'),
        suggestions: [rewrite('readdirOrEmpty', '[]', 'async function list(dir) {\n  return await readdirOrEmpty(dir);\n}')],
      },
    ],
  },
  {
    code: "function read(p) {\n  try { return fs.readFileSync(p, 'utf8'); } catch { return ''; }\n}",
    errors: [
      {
        ...swallowed(2, 46, 'readFileSync', "''", 'ignoreNotFoundSync'),
        suggestions: [rewrite('ignoreNotFoundSync', "''", "function read(p) {\n  return ignoreNotFoundSync(() => fs.readFileSync(p, 'utf8'), '');\n}")],
      },
    ],
  },
  {
    code: 'function list(dir) {\n  try { return fs.readdirSync(dir, { withFileTypes: true }); } catch (e) { return []; }\n}',
    errors: [
      {
        ...swallowed(2, 64, 'readdirSync', '[]', 'readdirOrEmptySync'),
        suggestions: [rewrite('readdirOrEmptySync', '[]', 'function list(dir) {\n  return readdirOrEmptySync(dir, { withFileTypes: true });\n}')],
      },
    ],
  },
  {
    code: "async function config(p) {\n  try { return JSON.parse(await fs.promises.readFile(p, 'utf8')); } catch { return {}; }\n}",
    errors: [
      {
        ...swallowed(2, 69, 'readFile', '{}', 'ignoreNotFound'),
        suggestions: [
          rewrite('ignoreNotFound', '{}', "async function config(p) {\n  return await ignoreNotFound(async () => JSON.parse(await fs.promises.readFile(p, 'utf8')), {});\n}"),
        ],
      },
    ],
  },
  {
    code: 'let target;\ntry { target = fs.readlinkSync(link); } catch { target = null; }',
    // No rewrite: readlink also fails with EINVAL on a non-link, which the helpers would rethrow.
    errors: [{ ...swallowed(2, 41, 'readlinkSync', 'null', 'ignoreNotFoundSync'), suggestions: [] }],
  },
  {
    code: 'let target;\ntry { target = fs.readFileSync(link); } catch { target = null; }',
    errors: [
      {
        ...swallowed(2, 41, 'readFileSync', 'null', 'ignoreNotFoundSync'),
        suggestions: [rewrite('ignoreNotFoundSync', 'null', 'let target;\ntarget = ignoreNotFoundSync(() => fs.readFileSync(link), null);')],
      },
    ],
  },
  // Logged, but still turned into "nothing there".
  {
    code: "function load(p) {\n  try { return fs.readFileSync(p, 'utf8'); }\n  catch (e) { console.warn('no config', e); return DEFAULTS; }\n}\nconst DEFAULTS = { port: 80, debug: false };",
    errors: [swallowed(3, 3, 'readFileSync', 'DEFAULTS', 'ignoreNotFoundSync')],
  },
  // Empty catch around a used result.
  {
    code: "let data;\ntry { data = JSON.parse(fs.readFileSync(p, 'utf8')); } catch {}",
    errors: [swallowed(2, 56, 'readFileSync', 'undefined', 'ignoreNotFoundSync')],
  },
  {
    code: "function expand(dir) {\n  try { var entries = fs.readdirSync(dir); }\n  catch (ex) {}\n  if (entries) return entries.filter(match);\n  return [];\n}",
    errors: [swallowed(3, 3, 'readdirSync', 'undefined', 'readdirOrEmptySync')],
  },
  // Logging the stack is still only logging.
  {
    code: "function getConf() {\n  try { return JSON.parse(fs.readFileSync(CONF)); }\n  catch (e) { console.error(e.stack || e); return {}; }\n}",
    errors: [swallowed(3, 3, 'readFileSync', '{}', 'ignoreNotFoundSync')],
  },
  {
    code: "function getConf() {\n  try { return JSON.parse(fs.readFileSync(CONF)); }\n  catch (e) { logger.warn({ err: e.message }, 'cannot read ' + e); return {}; }\n}",
    errors: [swallowed(3, 3, 'readFileSync', '{}', 'ignoreNotFoundSync')],
  },
  // A realpath assigned to a variable that held nothing: the caller gets undefined.
  {
    code: "async function sourceRoot(file) {\n  let root;\n  try { root = await fs.promises.realpath(path.dirname(file)); }\n  catch {}\n  return root;\n}",
    errors: [swallowed(4, 3, 'realpath', 'undefined', 'ignoreNotFound')],
  },
  {
    code: "try { options.config = fs.readFileSync(p, 'utf8'); } catch {}",
    errors: [swallowed(1, 54, 'readFileSync', 'undefined', 'ignoreNotFoundSync')],
  },
  // Several statements, a bare return, a Map, a nested block.
  {
    code: 'async function scan(dir) {\n  try {\n    const names = await fs.promises.readdir(dir);\n    return names.filter(isJson);\n  } catch (err) {\n    stats.missing++;\n    return;\n  }\n}',
    errors: [swallowed(5, 5, 'readdir', 'undefined', 'readdirOrEmpty')],
  },
  {
    code: "function index(dir) {\n  try { return build(fs.readdirSync(dir)); } catch { if (verbose) { log('none'); } return new Map(); }\n}",
    errors: [swallowed(2, 46, 'readdirSync', 'new Map()', 'readdirOrEmptySync')],
  },
  // Inside a sync array callback.
  {
    code: "function readAll(files) {\n  try { return files.map((f) => fs.readFileSync(f, 'utf8')); } catch { return []; }\n}",
    errors: [
      {
        ...swallowed(2, 64, 'readFileSync', '[]', 'ignoreNotFoundSync'),
        suggestions: [rewrite('ignoreNotFoundSync', '[]', "function readAll(files) {\n  return ignoreNotFoundSync(() => files.map((f) => fs.readFileSync(f, 'utf8')), []);\n}")],
      },
    ],
  },
  // .catch on the promise.
  {
    code: 'const files = await fs.promises.readdir(dir).catch(() => []);',
    errors: [
      {
        ...swallowed(1, 52, 'readdir', '[]', 'readdirOrEmpty'),
        suggestions: [rewrite('readdirOrEmpty', '[]', 'const files = await readdirOrEmpty(dir);')],
      },
    ],
    forms: ['esm-default', 'esm-namespace', 'esm-named-renamed', 'ts-esm'],
  },
  {
    code: "const text = await fs.promises.readFile(p, 'utf8').catch(() => '');",
    errors: [
      {
        ...swallowed(1, 58, 'readFile', "''", 'ignoreNotFound'),
        suggestions: [rewrite('ignoreNotFound', "''", "const text = await ignoreNotFound(fs.promises.readFile(p, 'utf8'), '');")],
      },
    ],
    forms: ['esm-default', 'esm-namespace', 'esm-named-renamed', 'ts-esm'],
  },
  {
    code: "fs.promises.readFile(p, 'utf8').then(JSON.parse).catch((e) => { console.error(e); return null; }).then(use);",
    errors: [swallowed(1, 56, 'readFile', 'null', 'ignoreNotFound')],
  },
  // The error branch of an error-first callback.
  {
    code: 'fs.readdir(dir, (err, files) => {\n  if (err) return done(null, []);\n  done(null, files);\n});',
    errors: [swallowed(2, 3, 'readdir', '[]', 'readdirOrEmpty')],
  },
  {
    code: 'fs.readdir(dir, function onList(err, files) {\n  if (err) return done(null, []);\n  done(null, files);\n});',
    errors: [swallowed(2, 3, 'readdir', '[]', 'readdirOrEmpty')],
  },
  {
    code: "fs.readFile(p, 'utf8', (err, text) => {\n  if (err) { text = ''; }\n  render(text);\n});",
    errors: [swallowed(2, 3, 'readFile', "''", 'ignoreNotFound')],
  },
  // A frozen constant of defaults is a default.
  {
    code: "const DEFAULTS = Object.freeze({ port: 8080, host: 'localhost' });\nfunction load(p) { try { return JSON.parse(fs.readFileSync(p, 'utf8')); } catch { return DEFAULTS; } }",
    errors: [
      {
        ...swallowed(2, 75, 'readFileSync', 'DEFAULTS', 'ignoreNotFoundSync'),
        suggestions: [rewrite('ignoreNotFoundSync', 'DEFAULTS', "const DEFAULTS = Object.freeze({ port: 8080, host: 'localhost' });\nfunction load(p) { return ignoreNotFoundSync(() => JSON.parse(fs.readFileSync(p, 'utf8')), DEFAULTS); }")],
      },
    ],
  },
  // An empty rejection handler makes the value `undefined` on any failure.
  {
    code: "async function banner(p) {\n  const text = await fs.promises.readFile(p, 'utf8').catch(() => {});\n  return text || '';\n}",
    errors: [swallowed(2, 60, 'readFile', 'undefined', 'ignoreNotFound')],
  },
  // The same through a function of the file's own, reported where it is given (it may serve other calls).
  {
    code: "const noop = () => {};\nasync function banner(p) {\n  const text = await fs.promises.readFile(p, 'utf8').catch(noop);\n  return text || '';\n}",
    errors: [swallowed(3, 60, 'readFile', 'undefined', 'ignoreNotFound')],
  },
  {
    code: "function none() { return []; }\nasync function list(dir) { return fs.promises.readdir(dir).then(sort, none); }",
    errors: [swallowed(2, 71, 'readdir', '[]', 'readdirOrEmpty')],
  },
  // The error never read, the missing data defaulted: an unreadable directory lists as empty.
  {
    code: "function listDir(dir, cb) {\n  fs.readdir(dir, (err, files) => cb(null, files || []));\n}",
    errors: [swallowed(2, 44, 'readdir', '[]', 'readdirOrEmpty')],
  },
  {
    code: "function load(p, done) {\n  fs.readFile(p, 'utf8', (_, text) => { done(text ?? ''); });\n}",
    errors: [swallowed(2, 46, 'readFile', "''", 'ignoreNotFound')],
  },
  // fs-extra's readJsonSync with `throws: false` answers null for a failed read too (jsonfile reads inside its try).
  {
    code: "const fse = require('fs-extra');\nfunction loadPolicy(p) {\n  return fse.readJsonSync(p, { throws: false }) || {};\n}",
    errors: [{ messageId: 'quietOption', data: { call: 'readJsonSync', helper: 'ignoreNotFoundSync' }, line: 3, column: 32 }],
    forms: ['cjs'],
  },
  {
    code: "const { readJSONSync } = require('fs-extra');\nconst QUIET = { throws: false, encoding: 'utf8' };\nconst a = readJSONSync(pa, QUIET);\nconst b = readJSONSync(pb, QUIET);",
    errors: [
      { messageId: 'quietOption', data: { call: 'readJSONSync', helper: 'ignoreNotFoundSync' }, line: 3, column: 28 },
      { messageId: 'quietOption', data: { call: 'readJSONSync', helper: 'ignoreNotFoundSync' }, line: 4, column: 28 },
    ],
    forms: ['cjs'],
  },
  // The promise form of an fs function, made by util.promisify.
  {
    code: "const read = promisify(fs.readFile);\nasync function load(p) { try { return await read(p, 'utf8'); } catch { return null; } }",
    errors: [
      {
        ...swallowed(2, 64, 'readFile', 'null', 'ignoreNotFound'),
        suggestions: [rewrite('ignoreNotFound', 'null', "const read = promisify(fs.readFile);\nasync function load(p) { return await ignoreNotFound(() => read(p, 'utf8'), null); }")],
      },
    ],
  },
  // A stand-in assigned where the success path assigns the data.
  {
    code: 'fs.promises.readFile(p).then((text) => { cache = JSON.parse(text); }).catch(() => { cache = {}; });',
    errors: [swallowed(1, 77, 'readFile', '{}', 'ignoreNotFound')],
  },
  {
    code: 'fs.readFile(p, (err, text) => {\n  if (err) { config = {}; return; }\n  config = JSON.parse(text);\n});',
    errors: [swallowed(2, 3, 'readFile', '{}', 'ignoreNotFound')],
  },
  // fs-extra's readJson.
  {
    code: "const fse = require('fs-extra');\nasync function pkg(p) {\n  try { return await fse.readJson(p); } catch { return null; }\n}",
    errors: [
      {
        ...swallowed(3, 41, 'readJson', 'null', 'ignoreNotFound'),
        suggestions: [
          {
            messageId: 'useHelper',
            data: { helper: 'ignoreNotFound', fallback: 'null' },
            output:
              "const fse = require('fs-extra');\nconst { ignoreNotFound } = require('eslint-plugin-secure-fs/runtime');\nasync function pkg(p) {\n  return await ignoreNotFound(() => fse.readJson(p), null);\n}",
          },
        ],
      },
    ],
    forms: ['cjs'],
  },
  // A rejection handler given to then().
  {
    code: "function names(dir) {\n  return fs.promises.readdir(dir).then((list) => list.sort(), () => []);\n}",
    errors: [swallowed(2, 63, 'readdir', '[]', 'readdirOrEmpty')],
  },
  // An errback whose conditional turns any error into an empty value.
  {
    code: "fs.readFile(p, 'utf8', (err, text) => done(null, err ? {} : JSON.parse(text)));",
    errors: [swallowed(1, 50, 'readFile', '{}', 'ignoreNotFound')],
  },
  {
    code: "fs.readdir(dir, (error, entries) => { callback(!error ? entries : []); });",
    errors: [swallowed(1, 48, 'readdir', '[]', 'readdirOrEmpty')],
  },
  // A stream 'error' listener that resolves an empty value.
  {
    code: "const digest = (p) => new Promise((resolve) => {\n  const input = fs.createReadStream(p);\n  input.on('error', () => resolve({}));\n  input.on('end', () => resolve(summary));\n});",
    errors: [swallowed(3, 21, 'createReadStream', '{}', 'ignoreNotFound')],
  },
  // A method that reads, called by another that hands back the caller's default on any failure.
  {
    code: "const store = {\n  load(p) { return JSON.parse(fs.readFileSync(p, 'utf8')); },\n  get(p, fallback) { let v; try { v = this.load(p); } catch (e) { v = fallback; } return v; },\n};",
    errors: [swallowed(3, 55, 'readFileSync', 'fallback', 'ignoreNotFoundSync')],
  },
  {
    code: "function parse(file) { return JSON.parse(fs.readFileSync(file, 'utf8')); }\nfunction settings(file, defaults) {\n  try { return parse(file); } catch { return defaults; }\n}",
    errors: [swallowed(3, 31, 'readFileSync', 'defaults', 'ignoreNotFoundSync')],
  },
]);
