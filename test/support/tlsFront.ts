// HTTPS in front of a plain loopback server (the API stand-in, or tinyproxy to make an https:// proxy):
// a TLS listener that passes every connection on, byte for byte, with a self-signed certificate for
// 127.0.0.1 made at test time by openssl, so no key is ever kept in the repository.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';

export interface SelfSignedCertificate {
  /** The certificate's PEM file: what NODE_EXTRA_CA_CERTS names to trust it. */
  certFile: string;
  cert: string;
  key: string;
  remove(): void;
}

/** A certificate for 127.0.0.1 and localhost, valid for a day, signed by itself. */
export function selfSignedCertificate(): SelfSignedCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'nano-banana-tls-'));
  const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=Nano Banana test stand-in', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', keyFile, '-out', certFile,
  ], { stdio: 'pipe' });
  return { certFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TlsFront {
  /** `https://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** TLS connections that completed their handshake: a client that refused the certificate adds none. */
  handshakes: number;
  close(): Promise<void>;
}

/** Listens on a free loopback port and forwards each TLS connection to `127.0.0.1:targetPort`. */
export async function startTlsFront(certificate: SelfSignedCertificate, targetPort: number): Promise<TlsFront> {
  const sockets = new Set<Socket>();
  const server = createServer({ key: certificate.key, cert: certificate.cert }, (secure) => {
    front.handshakes++;
    const plain = connect(targetPort, '127.0.0.1');
    for (const socket of [secure, plain]) {
      sockets.add(socket);
      socket.on('error', () => undefined).once('close', () => sockets.delete(socket));
    }
    secure.pipe(plain).pipe(secure);
    secure.once('close', () => plain.destroy());
    plain.once('close', () => secure.destroy());
  });
  // A client refusing the certificate aborts the handshake; that is what the tests look for, not an error.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const front: TlsFront = {
    url: `https://127.0.0.1:${port}`,
    port,
    handshakes: 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return front;
}
