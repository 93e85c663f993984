/**
 * Debian's Chromium for the browser e2e test and the Deck benchmark, driven through playwright-core (which ships no
 * browser of its own: `chromium.launch({ executablePath })`, https://playwright.dev/docs/api/class-browsertype).
 */
import { chromium, type Browser } from 'playwright-core';

/** The Chromium binary: `CHROMIUM_PATH`, else Debian's `chromium` package's `/usr/bin/chromium`. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Command-line switches: headless, no sandbox (root in a container), no GPU, and no background network calls
 * (component updates, first-run pages), so a run talks only to the loopback test server. The switches are Chromium's
 * own (https://peter.sh/experiments/chromium-command-line-switches/).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Starts {@link CHROMIUM_PATH} with {@link CHROMIUM_ARGS}; the caller closes the browser.
 * @returns the launched browser
 * @throws when the binary is missing or does not start (playwright-core's launch error)
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}
