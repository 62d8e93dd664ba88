import { createPublicKey, type KeyObject } from 'node:crypto';

/** The projects (API key + secret) and Vonage applications (ID + public key) the emulator knows. */
export class Credentials {
  private readonly projects = new Map<string, { secret: string; key: Uint8Array }>();
  private readonly apps = new Map<string, KeyObject>();

  /** Registers an OpenTok project. */
  addProject(apiKey: string, apiSecret: string): void {
    this.projects.set(apiKey, { secret: apiSecret, key: new TextEncoder().encode(apiSecret) });
  }

  /** Registers a Vonage application; a private key PEM is accepted too (its public half is used). */
  addApplication(applicationId: string, publicKeyPem: string): void {
    let key: KeyObject;
    try {
      key = createPublicKey(publicKeyPem);
    } catch {
      throw new Error(`The public key of application ${applicationId} is not a valid PEM key.`);
    }
    this.apps.set(applicationId, key);
  }

  /** The HMAC key of a project, if known. */
  projectKey(apiKey: string): Uint8Array | undefined {
    return this.projects.get(apiKey)?.key;
  }

  /** The raw secret of a project (for the T1 HMAC-SHA1 check). */
  projectSecret(apiKey: string): string | undefined {
    return this.projects.get(apiKey)?.secret;
  }

  /** The RS256 verification key of an application, if known. */
  applicationKey(applicationId: string): KeyObject | undefined {
    return this.apps.get(applicationId);
  }

  /** True when the ID is a registered project or application. */
  has(projectId: string): boolean {
    return this.projects.has(projectId) || this.apps.has(projectId);
  }

  /** True when the ID names a Vonage application (not an OpenTok project). */
  isApplication(projectId: string): boolean {
    return this.apps.has(projectId);
  }
}
