/**
 * A setting that is wrong, naming it: the message is `<setting>: <rule>`, e.g.
 * `metricSources.dd.apiKeyFile: cannot read /run/secrets/dd`. The service's configuration mistakes (`ConfigError`,
 * `config.ts`) and the metric sources' settings mistakes (`SourceSettingError`, `sources/catalog.ts`) are both
 * this, so one can be re-thrown as the other without re-parsing its message.
 */
export class SettingError extends Error {
  /**
   * @param setting the environment variable or config path at fault, e.g. `PORT` or `scheduler.tickMs`
   * @param rule what is wrong with it, e.g. `must be an integer from 0 to 65535`
   */
  constructor(
    readonly setting: string,
    readonly rule: string,
  ) {
    super(`${setting}: ${rule}`);
    this.name = 'SettingError';
  }
}
