// A package registry for the packed-tarball tests: it serves this repository's tarballs under
// their names, as if they were published, and passes every other request through to the
// registry npm is configured with. So `npx secure-fs-scan .`, the README's command, runs as a
// user would run it, on a machine where nothing of ours is published.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalPackage {
  /** The package.json the tarball was packed from. */
  manifest: { name: string; version: string } & Record<string, unknown>;
  tarball: string;
}

export interface Registry {
  url: string;
  close(): Promise<void>;
}

// Only what npm reads from a version's manifest to install and link it.
const MANIFEST_FIELDS = ['name', 'version', 'bin', 'dependencies', 'peerDependencies', 'peerDependenciesMeta', 'optionalDependencies', 'engines', 'type'];

export async function startRegistry(packages: readonly LocalPackage[]): Promise<Registry> {
  const upstream = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim().replace(/\/?$/u, '/');
  const ours = new Map(packages.map((p) => [p.manifest.name, p]));
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(request.url ?? '/').slice(1);
      const { host } = request.headers;
      const own = ours.get(path);
      const tarball = packages.find((p) => path === `-/${p.manifest.name}-${p.manifest.version}.tgz`);
      if (own) {
        const data = readFileSync(own.tarball);
        const version = Object.fromEntries(MANIFEST_FIELDS.filter((f) => f in own.manifest).map((f) => [f, own.manifest[f]]));
        const dist = {
          tarball: `http://${host}/-/${own.manifest.name}-${own.manifest.version}.tgz`,
          integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`,
          shasum: createHash('sha1').update(data).digest('hex'),
        };
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ name: own.manifest.name, 'dist-tags': { latest: own.manifest.version }, versions: { [own.manifest.version]: { ...version, dist } } }));
      } else if (tarball) {
        response.setHeader('content-type', 'application/octet-stream');
        response.end(readFileSync(tarball.tarball));
      } else {
        const answer = await fetch(new URL(request.url!.slice(1), upstream), { headers: { accept: request.headers.accept ?? '*/*' } });
        response.statusCode = answer.status;
        response.setHeader('content-type', answer.headers.get('content-type') ?? 'application/octet-stream');
        response.end(Buffer.from(await answer.arrayBuffer()));
      }
    })().catch((error: unknown) => {
      response.statusCode = 502;
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
