// Which Node (and Node-compatible) APIs the plugin knows, as data: each leaf says what a call
// does and where its path, flag and mode arguments are. The tables are turned into
// ReferenceTracker trace maps in modules.ts; rules never match identifier names themselves.

import { constants as nodeFsConstants } from 'node:fs';

/** What an fs call does to the file system; rules select calls by effect, not by name. */
export type FsEffect =
  | 'access'
  | 'append'
  | 'chmod'
  | 'chown'
  | 'copy'
  | 'create-file'
  | 'delete'
  | 'exists'
  | 'link'
  | 'list'
  | 'lstat'
  | 'mkdir'
  | 'mkdtemp'
  | 'move'
  | 'open'
  | 'read'
  | 'read-stream'
  | 'stat'
  | 'symlink'
  | 'truncate'
  | 'utimes'
  | 'write'
  | 'write-stream';

/** sync: returns; callback: last argument is `(err, …)`; promise: returns a promise; either: fs-extra's universalify. */
export type CallStyle = 'sync' | 'callback' | 'promise' | 'either';

export interface FsApi {
  readonly kind: 'fs';
  /** Canonical name without `Sync`: `writeFile`, `outputFile`. */
  readonly name: string;
  readonly style: CallStyle;
  readonly effect: FsEffect;
  /** Argument indexes that are paths. */
  readonly paths: readonly number[];
  /** The argument index of the path the call creates or changes (the destination of copy/rename/link). */
  readonly target?: number;
  /** Where the open flags are: a flags argument, or an options object with `flag`/`flags`. */
  readonly flagsAt?: number;
  /** Where the mode is: a mode argument, or an options object with `mode`. */
  readonly modeAt?: number;
  /** True for fs-extra additions that create missing parent directories. */
  readonly createsParents?: boolean;
}

export interface PathApi {
  readonly kind: 'path';
  readonly name: 'join' | 'resolve' | 'normalize' | 'dirname' | 'basename' | 'relative' | 'other';
}

export interface ValueApi {
  readonly kind: 'value';
  /**
   * What the call or read evaluates to, for the path evaluator: a temp root, a per-user
   * runtime dir, a fresh private temp location, or a source of weak/strong randomness.
   */
  readonly value: 'tmpdir' | 'env-tmp' | 'runtime-dir' | 'home' | 'private-temp' | 'weak' | 'strong';
  readonly name: string;
}

/** Anything else a rule wants to recognise (servers, sockets, umask, util.inspect, …). */
export interface OtherApi {
  readonly kind: 'other';
  readonly module: string;
  readonly name: string;
  /** Argument indexes that are paths when they are strings (a Unix socket path for `net.connect`). */
  readonly paths?: readonly number[];
}

/** A numeric member of `fs.constants` (`O_EXCL`, `COPYFILE_EXCL`, `S_IWOTH`), valued as on the linting host. */
export interface ConstantApi {
  readonly kind: 'constant';
  readonly name: string;
  readonly value: number;
}

export type ApiInfo = FsApi | PathApi | ValueApi | OtherApi | ConstantApi;

interface FsEntry {
  effect: FsEffect;
  paths?: readonly number[];
  target?: number;
  flagsAt?: number;
  modeAt?: number;
  createsParents?: boolean;
  /** Which forms Node has: default all three (callback, sync, promises). */
  forms?: readonly ('callback' | 'sync' | 'promise')[];
}

const P0 = [0] as const;
const P01 = [0, 1] as const;

/** Node's fs functions that take paths or create files, shared by fs, fs.promises and fs-extra. */
const nodeFs: Record<string, FsEntry> = {
  access: { effect: 'access' },
  appendFile: { effect: 'append', flagsAt: 2, modeAt: 2 },
  chmod: { effect: 'chmod', modeAt: 1 },
  chown: { effect: 'chown' },
  copyFile: { effect: 'copy', paths: P01, target: 1, flagsAt: 2 },
  cp: { effect: 'copy', paths: P01, target: 1 },
  createReadStream: { effect: 'read-stream', flagsAt: 1, forms: ['sync'] },
  createWriteStream: { effect: 'write-stream', flagsAt: 1, modeAt: 1, forms: ['sync'] },
  exists: { effect: 'exists', forms: ['callback', 'sync'] },
  fchmod: { effect: 'chmod', paths: [], modeAt: 1, forms: ['callback', 'sync'] },
  fchown: { effect: 'chown', paths: [], forms: ['callback', 'sync'] },
  ftruncate: { effect: 'truncate', paths: [], forms: ['callback', 'sync'] },
  futimes: { effect: 'utimes', paths: [], forms: ['callback', 'sync'] },
  lchmod: { effect: 'chmod', modeAt: 1 },
  lchown: { effect: 'chown' },
  link: { effect: 'link', paths: P01, target: 1 },
  lstat: { effect: 'lstat' },
  lutimes: { effect: 'utimes' },
  mkdir: { effect: 'mkdir', modeAt: 1 },
  mkdtemp: { effect: 'mkdtemp' },
  open: { effect: 'open', flagsAt: 1, modeAt: 2 },
  opendir: { effect: 'list' },
  readdir: { effect: 'list' },
  readFile: { effect: 'read' },
  readlink: { effect: 'read' },
  realpath: { effect: 'read' },
  rename: { effect: 'move', paths: P01, target: 1 },
  rm: { effect: 'delete' },
  rmdir: { effect: 'delete' },
  stat: { effect: 'stat' },
  statfs: { effect: 'stat' },
  symlink: { effect: 'symlink', paths: P01, target: 1 },
  truncate: { effect: 'truncate' },
  unlink: { effect: 'delete' },
  utimes: { effect: 'utimes' },
  watch: { effect: 'read', forms: ['sync'] },
  watchFile: { effect: 'read', forms: ['sync'] },
  writeFile: { effect: 'write', flagsAt: 2, modeAt: 2 },
};

/** fs-extra's additions; universalify makes each return a promise unless given a callback. */
const fsExtraOnly: Record<string, FsEntry> = {
  copy: { effect: 'copy', paths: P01, target: 1 },
  createFile: { effect: 'create-file', createsParents: true },
  createLink: { effect: 'link', paths: P01, target: 1, createsParents: true },
  createSymlink: { effect: 'symlink', paths: P01, target: 1, createsParents: true },
  emptyDir: { effect: 'delete' },
  emptydir: { effect: 'delete' },
  ensureDir: { effect: 'mkdir', modeAt: 1, createsParents: true },
  ensureFile: { effect: 'create-file', createsParents: true },
  ensureLink: { effect: 'link', paths: P01, target: 1, createsParents: true },
  ensureSymlink: { effect: 'symlink', paths: P01, target: 1, createsParents: true },
  mkdirp: { effect: 'mkdir', modeAt: 1, createsParents: true },
  mkdirs: { effect: 'mkdir', modeAt: 1, createsParents: true },
  move: { effect: 'move', paths: P01, target: 1 },
  outputFile: { effect: 'write', flagsAt: 2, modeAt: 2, createsParents: true },
  outputJson: { effect: 'write', flagsAt: 2, modeAt: 2, createsParents: true },
  outputJSON: { effect: 'write', flagsAt: 2, modeAt: 2, createsParents: true },
  pathExists: { effect: 'exists' },
  readJson: { effect: 'read' },
  readJSON: { effect: 'read' },
  remove: { effect: 'delete' },
  writeJson: { effect: 'write', flagsAt: 2, modeAt: 2 },
  writeJSON: { effect: 'write', flagsAt: 2, modeAt: 2 },
};

function fsApi(name: string, entry: FsEntry, style: CallStyle): FsApi {
  const paths = entry.paths ?? P0;
  const target = entry.target ?? (paths.length > 0 ? 0 : undefined);
  return Object.freeze({
    kind: 'fs',
    name,
    style,
    effect: entry.effect,
    paths,
    ...(target === undefined ? {} : { target }),
    ...(entry.flagsAt === undefined ? {} : { flagsAt: entry.flagsAt }),
    ...(entry.modeAt === undefined ? {} : { modeAt: entry.modeAt }),
    ...(entry.createsParents ? { createsParents: true } : {}),
  });
}

type Forms = Record<'callback' | 'sync' | 'promise', Record<string, FsApi>>;

function expandForms(entries: Record<string, FsEntry>, callbackStyle: CallStyle): Forms {
  const forms: Forms = { callback: {}, sync: {}, promise: {} };
  for (const [name, entry] of Object.entries(entries)) {
    const available = entry.forms ?? ['callback', 'sync', 'promise'];
    // Stream and watch factories have no Sync suffix but behave like sync calls.
    const syncName = entry.forms?.length === 1 && entry.forms[0] === 'sync' ? name : `${name}Sync`;
    if (available.includes('callback')) forms.callback[name] = fsApi(name, entry, callbackStyle);
    if (available.includes('sync')) forms.sync[syncName] = fsApi(name, entry, 'sync');
    if (available.includes('promise')) forms.promise[name] = fsApi(name, entry, 'promise');
  }
  return forms;
}

const node = expandForms(nodeFs, 'callback');
const extra = expandForms(fsExtraOnly, 'either');

/** `fs`/`node:fs` (and graceful-fs): callback and sync functions at the top, promises under `.promises`. */
export const fsModule = { ...node.callback, ...node.sync };
/** `fs/promises` and `fs.promises`. */
export const fsPromisesModule = node.promise;
/** fs-extra: Node's fs functions made universal, its own additions, and `.promises`. */
export const fsExtraModule: Record<string, FsApi> = {
  ...Object.fromEntries(Object.entries(node.callback).map(([k, v]) => [k, { ...v, style: 'either' as const }])),
  ...node.sync,
  ...extra.callback,
  ...extra.sync,
};

/** `fs.constants` (also under `fs/promises`, fs-extra): the flag and mode bits flags.ts and modes.ts read. */
export const fsConstants: Record<string, ConstantApi> = Object.fromEntries(
  Object.entries(nodeFsConstants)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, value]) => [name, Object.freeze({ kind: 'constant' as const, name: `fs.constants.${name}`, value })]),
);

export const pathModule: Record<string, PathApi> = {
  join: { kind: 'path', name: 'join' },
  resolve: { kind: 'path', name: 'resolve' },
  normalize: { kind: 'path', name: 'normalize' },
  dirname: { kind: 'path', name: 'dirname' },
  basename: { kind: 'path', name: 'basename' },
  relative: { kind: 'path', name: 'relative' },
  toNamespacedPath: { kind: 'path', name: 'other' },
  format: { kind: 'path', name: 'other' },
};

const value = (v: ValueApi['value'], name: string): ValueApi => ({ kind: 'value', value: v, name });
const other = (module: string, name: string, paths?: readonly number[]): OtherApi =>
  paths ? { kind: 'other', module, name, paths } : { kind: 'other', module, name };

export const osModule = {
  tmpdir: value('tmpdir', 'os.tmpdir'),
  homedir: value('home', 'os.homedir'),
  // Public facts of the machine (`/proc/uptime`, the host name): as guessable as a clock.
  uptime: value('weak', 'os.uptime'),
  hostname: value('weak', 'os.hostname'),
  // The user's name, uid and home: anyone on the machine can read them (`/etc/passwd`).
  userInfo: value('weak', 'os.userInfo'),
};

export const cryptoModule = {
  randomUUID: value('strong', 'crypto.randomUUID'),
  randomBytes: value('strong', 'crypto.randomBytes'),
  randomInt: value('strong', 'crypto.randomInt'),
  getRandomValues: value('strong', 'crypto.getRandomValues'),
  // A digest is as guessable as its input (facts.ts follows `.update(…).digest()`).
  createHash: other('crypto', 'createHash'),
};

export const netModule = {
  createServer: other('net', 'createServer'),
  Server: other('net', 'Server'),
  connect: other('net', 'connect', P0),
  createConnection: other('net', 'createConnection', P0),
  Socket: other('net', 'Socket'),
};

export const httpModule = {
  createServer: other('http', 'createServer'),
  Server: other('http', 'Server'),
  request: other('http', 'request'),
  get: other('http', 'get'),
  Agent: other('http', 'Agent'),
};

/** HTTP/2 servers: a `(req, res)` handler in the compatibility API, or `'stream'` events whose stream is the response. */
export const http2Module = {
  createServer: other('http2', 'createServer'),
  createSecureServer: other('http2', 'createSecureServer'),
};

/** Hono's app class, whose `onError` handler gets the error and the request's context. */
export const honoModule = { Hono: other('hono', 'Hono') };

/** The `ws` package's WebSocket class (the module itself, and its `WebSocket` export): `ws+unix:` URLs are socket paths. */
export const wsModule = { WebSocket: other('ws', 'WebSocket') };

/** node-ipc (and its maintained fork): `ipc.config` holds `socketRoot`; `new IPC()` makes another instance. */
export const nodeIpcModule = { config: other('node-ipc', 'config'), IPC: other('node-ipc', 'IPC') };

export const childProcessModule = Object.fromEntries(
  ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'].map((name) => [
    name,
    other('child_process', name),
  ]),
);

/** `node:assert` called directly (`assert(ok, message)`, `assert.ok`, `assert.strict`): it tests a value and prints text, opens nothing. */
export const assertModule = { assert: other('assert', 'assert') };

export const utilModule = {
  inspect: other('util', 'inspect'),
  format: other('util', 'format'),
};

/** serialize-error's `serializeError(err)`: a plain object with the error's name, message, stack and own properties. */
export const errorSerializerModule = { serializeError: other('serialize-error', 'serializeError') };

/**
 * Web responses, whose first argument is the body the client gets when a route handler returns
 * one: the platform's `Response` (module `web`: a global, not a decoder like the `global`
 * entries), Next.js's `NextResponse`, SvelteKit's `json()` and `text()`.
 */
export const webResponseApis = {
  Response: other('web', 'Response'),
  'Response.json': other('web', 'Response.json'),
  NextResponse: other('next/server', 'NextResponse'),
  'NextResponse.json': other('next/server', 'NextResponse.json'),
  json: other('@sveltejs/kit', 'json'),
  text: other('@sveltejs/kit', 'text'),
};

/**
 * Azure Functions' HTTP triggers (the v4 programming model): `app.http(name, { handler })` and
 * its method shortcuts (`app.get(name, handler)`). What the handler returns is the response.
 */
export const azureHttpTriggers: Record<string, OtherApi> = Object.fromEntries(
  ['http', 'get', 'post', 'put', 'patch', 'deleteRequest'].map((name) => [name, other('@azure/functions', `app.${name}`)]),
);

/** NestJS's `HttpException` and its built-in subclasses: the first constructor argument is the response body. */
export const nestjsExceptions: Record<string, OtherApi> = Object.fromEntries(
  [
    'HttpException', 'BadRequestException', 'UnauthorizedException', 'NotFoundException', 'ForbiddenException',
    'NotAcceptableException', 'RequestTimeoutException', 'ConflictException', 'GoneException', 'HttpVersionNotSupportedException',
    'PayloadTooLargeException', 'UnsupportedMediaTypeException', 'UnprocessableEntityException', 'InternalServerErrorException',
    'NotImplementedException', 'ImATeapotException', 'MethodNotAllowedException', 'BadGatewayException',
    'ServiceUnavailableException', 'GatewayTimeoutException', 'PreconditionFailedException', 'MisdirectedException',
  ].map((name) => [name, other('@nestjs/common', name)]),
);

/** Environment variables the path evaluator understands. */
export const envVariables: Record<string, ValueApi> = {
  TMPDIR: value('env-tmp', 'process.env.TMPDIR'),
  TMP: value('env-tmp', 'process.env.TMP'),
  TEMP: value('env-tmp', 'process.env.TEMP'),
  XDG_RUNTIME_DIR: value('runtime-dir', 'process.env.XDG_RUNTIME_DIR'),
  HOME: value('home', 'process.env.HOME'),
  USERPROFILE: value('home', 'process.env.USERPROFILE'),
};

/** Members of `process` (the global and `node:process`). */
export const processMembers = {
  pid: value('weak', 'process.pid'),
  ppid: value('weak', 'process.ppid'),
  hrtime: value('weak', 'process.hrtime'),
  // What anyone on the machine can find out is as guessable as a constant.
  getuid: value('weak', 'process.getuid'),
  geteuid: value('weak', 'process.geteuid'),
  getgid: value('weak', 'process.getgid'),
  getegid: value('weak', 'process.getegid'),
  umask: other('process', 'umask'),
  send: other('process', 'send'),
  cwd: other('process', 'cwd'),
  chdir: other('process', 'chdir', P0),
};

/** Properties of `process` that anyone on the machine can read: as guessable as a constant. */
export const processFacts = {
  version: value('weak', 'process.version'),
  platform: value('weak', 'process.platform'),
  arch: value('weak', 'process.arch'),
};

/**
 * Packages whose results are fresh private temp locations (the secure forms the rules
 * recommend), keyed by module specifier, then export name.
 */
export const privateTempModules: Record<string, Record<string, ValueApi>> = {
  tmp: Object.fromEntries(
    ['file', 'fileSync', 'dir', 'dirSync', 'tmpName', 'tmpNameSync'].map((n) => [n, value('private-temp', `tmp.${n}`)]),
  ),
  'tmp-promise': Object.fromEntries(
    ['file', 'fileSync', 'dir', 'dirSync', 'tmpName', 'tmpNameSync', 'withFile', 'withDir'].map((n) => [
      n,
      value('private-temp', `tmp-promise.${n}`),
    ]),
  ),
  'eslint-plugin-secure-fs/runtime': Object.fromEntries(
    [
      'createTempDir',
      'createTempDirSync',
      'withTempDir',
      'withTempDirSync',
      'createTempFile',
      'createTempFileSync',
      'withTempFile',
      'runtimeDir',
      'runtimeDirSync',
      'socketPath',
      'socketPathSync',
    ].map((n) => [n, value('private-temp', n)]),
  ),
};

/** The `tmp` package's `tmpdir` property: the OS temp directory, as `os.tmpdir()` gives it. */
export const tmpPackageValues = { tmpdir: value('tmpdir', 'tmp.tmpdir') };

/** Name generators from npm that are as good as crypto (uuid v4, nanoid) or time-based (uuid v1). */
export const randomModules: Record<string, Record<string, ValueApi>> = {
  uuid: { v4: value('strong', 'uuid.v4'), v7: value('strong', 'uuid.v7'), v1: value('weak', 'uuid.v1') },
  nanoid: { nanoid: value('strong', 'nanoid') },
};

/** Globals the evaluator understands: `Math.random()`, `Date.now()`, `new Date()`, web crypto. */
export const globalValues = {
  Math: { random: value('weak', 'Math.random') },
  Date: { now: value('weak', 'Date.now') },
  performance: { now: value('weak', 'performance.now') },
  crypto: { randomUUID: value('strong', 'crypto.randomUUID'), getRandomValues: value('strong', 'crypto.getRandomValues') },
};

/**
 * Third-party fs libraries, keyed by module specifier: `''` is the module itself when it is
 * callable (`mkdirp(p, mode)`), the other keys its members, so `mkdirp.sync(p, '0777')` and
 * `import { mkdirpSync } from 'mkdirp'` are the same mkdir as `fs.mkdirSync` to every rule.
 */
const mkdirpEntry: FsEntry = { effect: 'mkdir', modeAt: 1, createsParents: true };
const deleteEntry: FsEntry = { effect: 'delete' };
// write-file-atomic writes a fresh temp file and renames it over the target: a planted file or
// symlink there is replaced, never written through, so it is a move of the target.
const atomicEntry: FsEntry = { effect: 'move', modeAt: 2 };

function library(entry: FsEntry, name: string, members: Record<string, CallStyle>): Record<string, FsApi> {
  return Object.fromEntries(Object.entries(members).map(([member, style]) => [member, fsApi(name, entry, style)]));
}

export const thirdPartyFsModules: Record<string, Record<string, FsApi>> = {
  mkdirp: library(mkdirpEntry, 'mkdirp', {
    '': 'either', mkdirp: 'either', sync: 'sync', mkdirpSync: 'sync', native: 'promise', nativeSync: 'sync', manual: 'promise', manualSync: 'sync',
  }),
  'make-dir': library(mkdirpEntry, 'makeDir', { '': 'promise', sync: 'sync', makeDirectory: 'promise', makeDirectorySync: 'sync' }),
  rimraf: library(deleteEntry, 'rimraf', {
    '': 'either', rimraf: 'either', sync: 'sync', rimrafSync: 'sync', native: 'promise', nativeSync: 'sync', manual: 'promise', manualSync: 'sync',
  }),
  del: library(deleteEntry, 'del', { '': 'promise', sync: 'sync', deleteAsync: 'promise', deleteSync: 'sync' }),
  'write-file-atomic': library(atomicEntry, 'writeFileAtomic', { '': 'callback', sync: 'sync' }),
  // realpath from npm: the real path of a location is that location (`tryRealpath(os.tmpdir())`).
  'realpath-native': library(nodeFs.realpath!, 'realpath', { '': 'promise', sync: 'sync' }),
  'jest-util': library(nodeFs.realpath!, 'realpath', { tryRealpath: 'sync' }),
};

/** proper-lockfile locks `file` by creating `file.lock` exclusively: its first argument is a path, and nothing is judged beyond that. */
export const lockfileModule: Record<string, OtherApi> = Object.fromEntries(
  ['lock', 'lockSync', 'unlock', 'unlockSync', 'check', 'checkSync'].map((name) => [name, other('proper-lockfile', name, P0)]),
);

/** The `temp` package: its creating calls give fresh private locations; `temp.path()` a random name, not created. */
export const tempModule: Record<string, ValueApi> = {
  ...Object.fromEntries(['mkdir', 'mkdirSync', 'open', 'openSync', 'createWriteStream'].map((n) => [n, value('private-temp', `temp.${n}`)])),
  path: value('strong', 'temp.path'),
};

/** `path.isAbsolute` and `path.sep`: what a containment check is written with. */
export const pathChecks = {
  isAbsolute: other('path', 'isAbsolute'),
  sep: other('path', 'sep'),
};

/** `url.parse`, `new URL()` (also the global) and `querystring.parse`: their results carry what they were given. */
export const urlModule = {
  parse: other('url', 'parse'),
  URL: other('url', 'URL'),
  fileURLToPath: other('url', 'fileURLToPath'),
};
export const querystringModule = { parse: other('querystring', 'parse') };

/**
 * Archive readers and multipart parsers, by module: what they hand to listeners and callbacks
 * (entry names, upload file names) comes from whoever made the archive or the request.
 * `call`/`construct` is how the module (or an export) makes its parser.
 */
export const untrustedInputModules: Record<string, Record<string, OtherApi>> = {
  'adm-zip': { '': other('adm-zip', 'AdmZip') },
  yauzl: Object.fromEntries(['open', 'fromBuffer', 'fromFd', 'fromRandomAccessReader'].map((n) => [n, other('yauzl', n)])),
  'tar-stream': { extract: other('tar-stream', 'extract') },
  'tar-fs': { extract: other('tar-fs', 'extract') },
  tar: Object.fromEntries(['t', 'list', 'x', 'extract', 'Parse'].map((n) => [n, other('tar', n)])),
  unzipper: Object.fromEntries(['Parse', 'ParseOne', 'Open'].map((n) => [n, other('unzipper', n)])),
  jszip: { '': other('jszip', 'JSZip'), loadAsync: other('jszip', 'loadAsync') },
  busboy: { '': other('busboy', 'Busboy') },
  formidable: { '': other('formidable', 'formidable'), formidable: other('formidable', 'formidable'), IncomingForm: other('formidable', 'IncomingForm') },
};

/** NestJS route decorators: what the decorated controller method returns is the response body. */
export const nestjsRouteDecorators: Record<string, OtherApi> = Object.fromEntries(
  ['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All'].map((name) => [name, other('@nestjs/common', name)]),
);

/** NestJS parameter decorators whose parameter receives request data. */
export const nestjsRequestDecorators: Record<string, OtherApi> = Object.fromEntries(
  ['Param', 'Query', 'Body', 'Headers', 'UploadedFile', 'UploadedFiles', 'Req', 'Request'].map((name) => [name, other('@nestjs/common', name)]),
);

/** The global URI decoders: a check made before one of them sees the encoded text. */
export const globalDecoders = {
  decodeURIComponent: other('global', 'decodeURIComponent'),
  decodeURI: other('global', 'decodeURI'),
  unescape: other('global', 'unescape'),
};
