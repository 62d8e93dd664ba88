import { createPublicKey, webcrypto } from 'node:crypto';
import { importSPKI } from 'jose';

// Verification keys are imported once as WebCrypto CryptoKeys: jose re-imports raw secrets and
// KeyObjects on every verify, which costs about 3x the verification itself.

/** The projects (API key + secret) and Vonage applications (ID + public key) the emulator knows. */
export class Credentials {
  private readonly projects = new Map<string, { secret: string; key: Promise<webcrypto.CryptoKey> }>();
  private readonly apps = new Map<string, { spki: string; key?: Promise<webcrypto.CryptoKey> }>();

  /** Registers an OpenTok project. */
  addProject(apiKey: string, apiSecret: string): void {
    const raw = new TextEncoder().encode(apiSecret);
    const key = webcrypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    this.projects.set(apiKey, { secret: apiSecret, key });
  }

  /** Registers a Vonage application; a private key PEM is accepted too (its public half is used). */
  addApplication(applicationId: string, publicKeyPem: string): void {
    let spki: string;
    try {
      spki = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'pem' }).toString();
    } catch {
      throw new Error(`The public key of application ${applicationId} is not a valid PEM key.`);
    }
    this.apps.set(applicationId, { spki });
  }

  /** The HS256 verification key of a project, if known. */
  projectKey(apiKey: string): Promise<webcrypto.CryptoKey> | undefined {
    return this.projects.get(apiKey)?.key;
  }

  /** The raw secret of a project (for the T1 HMAC-SHA1 check). */
  projectSecret(apiKey: string): string | undefined {
    return this.projects.get(apiKey)?.secret;
  }

  /** The RS256 verification key of an application, if known. */
  applicationKey(applicationId: string): Promise<webcrypto.CryptoKey> | undefined {
    const app = this.apps.get(applicationId);
    if (!app) return undefined;
    app.key ??= importSPKI(app.spki, 'RS256');
    return app.key;
  }

  /** True when the ID is a registered project or application. */
  has(projectId: string): boolean {
    return this.projects.has(projectId) || this.apps.has(projectId);
  }

  /** Every registered project and application (what persistence saves). */
  list(): {
    projects: Array<{ apiKey: string; apiSecret: string }>;
    applications: Array<{ applicationId: string; publicKeyPem: string }>;
  } {
    return {
      projects: [...this.projects].map(([apiKey, p]) => ({ apiKey, apiSecret: p.secret })),
      applications: [...this.apps].map(([applicationId, a]) => ({ applicationId, publicKeyPem: a.spki })),
    };
  }

  /** True when the ID names a Vonage application (not an OpenTok project). */
  isApplication(projectId: string): boolean {
    return this.apps.has(projectId);
  }
}
