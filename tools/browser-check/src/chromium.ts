import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium, which `pnpm test` installs (scripts/system-deps.mjs). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Chromium's flags for WebGPU on SwiftShader, its CPU Vulkan (shipped inside Debian's package), so
 * `navigator.gpu.requestAdapter()` answers on machines without a GPU. WebGPU needs a secure
 * context: serve pages from http://127.0.0.1, not about:blank.
 */
export const WEBGPU_SWIFTSHADER_FLAGS: readonly string[] = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
];

/**
 * Headless Chromium with a fresh profile; `close` also removes the profile. With `webgpu`, the
 * GPU process stays on (no --disable-gpu) and WebGPU runs on SwiftShader.
 */
export async function launchChromium(
  options: Readonly<{ webgpu?: boolean }> = {},
): Promise<Readonly<{ context: BrowserContext; close: () => Promise<void> }>> {
  // Not a skip: a missing browser is a broken test environment and must fail loudly.
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium package (apt-get install -y chromium); 'pnpm test' does this as root (scripts/system-deps.mjs)`,
    );
  const profile = mkdtempSync(join(tmpdir(), 'evoprop-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      ...(options.webgpu === true ? WEBGPU_SWIFTSHADER_FLAGS : ['--disable-gpu']),
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
