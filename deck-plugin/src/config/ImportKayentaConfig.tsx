/**
 * The "Import a Kayenta canary config" box: paste the JSON Kayenta's config editor shows, import it into the stage,
 * and — in the same step — optionally save it as a shared canary config (`POST /v1/canary-configs`) that the stage
 * then references, as Kayenta keeps one config per application for many pipelines. The config is checked locally
 * first (`transforms/importConfig.ts`); when the judge refuses to save it, its message is shown here and nothing is
 * imported, so the author can change the name and try again.
 */
import * as React from 'react';
import type { CanaryConfig } from '@canary-judge/shared';
import { testIds } from '../testIds';
import { importKayentaConfig } from '../transforms/importConfig';
import { apiErrorText, sharedConfigApi } from './sharedConfigApi';

/** The shared config name rule of the judge (`CONFIG_NAME_PATTERN` in orca-stage-spec's contract). */
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * The name a pasted config suggests for saving as shared: its own `name` when it fits the judge's name rule, else ''.
 * @param text the pasted JSON (any text)
 * @returns the suggested name or ''
 */
export function suggestedSharedName(text: string): string {
  try {
    const name = (JSON.parse(text) as { name?: unknown } | null)?.name;
    return typeof name === 'string' && NAME_PATTERN.test(name.trim()) ? name.trim() : '';
  } catch {
    return '';
  }
}

/** Props: where the shared-config API is, the application, and how an import reaches the stage. */
export interface ImportKayentaConfigProps {
  idPrefix: string;
  /** Base URL of the judge's API for browsers (report base URL or the stage's judge URL). */
  apiBase: string;
  /** The Spinnaker application the shared config belongs to. */
  application: string;
  /**
   * Puts the imported config into the stage: inline (`sharedRef` null) or as the shared config just saved, which the
   * stage then references (`{name, version}`, the pinned version the judge returned).
   */
  onImport: (config: CanaryConfig, sharedRef: { name: string; version: string } | null) => void;
}

/** The import box. */
export function ImportKayentaConfig(props: ImportKayentaConfigProps) {
  const [text, setText] = React.useState('');
  const [note, setNote] = React.useState<{ ok: boolean; text: string } | null>(null);
  const [share, setShare] = React.useState(false);
  const [name, setName] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  // The callback of the latest render: a save answers after a re-render, and the stage may have changed meanwhile.
  const latest = React.useRef(props);
  latest.current = props;
  const id = (f: string) => `${props.idPrefix}-${f}`;
  const sharedName = name.trim() || suggestedSharedName(text);

  const run = async (): Promise<void> => {
    const r = importKayentaConfig(text);
    if (!r.ok) {
      setNote({ ok: false, text: r.error });
      return;
    }
    const metrics = `${r.metricCount} metric${r.metricCount === 1 ? '' : 's'}`;
    if (!share) {
      latest.current.onImport(r.config, null);
      setNote({ ok: true, text: `Imported ${metrics}; check the queries.` });
      return;
    }
    if (!NAME_PATTERN.test(sharedName)) {
      setNote({
        ok: false,
        text: 'Shared config name: 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit.',
      });
      return;
    }
    setBusy(true);
    try {
      const saved = await sharedConfigApi(latest.current.apiBase).create(
        latest.current.application,
        sharedName,
        r.config,
      );
      latest.current.onImport(r.config, { name: saved.name, version: String(saved.version) });
      setNote({
        ok: true,
        text: `Imported ${metrics} and saved them as shared config ${saved.name} version ${saved.version}; the stage now uses it.`,
      });
    } catch (e) {
      setNote({
        ok: false,
        text: `The judge did not save shared config ${sharedName}: ${apiErrorText(e)}. Nothing was imported.`,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <details style={{ marginTop: 8 }} data-testid={testIds.config.importBox}>
      <summary>Import a Kayenta canary config (JSON)</summary>
      <div className="cj-field">
        <label htmlFor={id('import')}>Kayenta canary config JSON</label>
        <textarea
          id={id('import')}
          className="form-control input-sm cj-code-input"
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <span className="cj-hint">Replaces the metrics, groups and weights; scopes, timing and thresholds stay.</span>
      </div>
      <div className="cj-row">
        <label className="cj-check">
          <input type="checkbox" id={id('import-share')} checked={share} onChange={(e) => setShare(e.target.checked)} />{' '}
          Also save it as a shared canary config{props.application ? ` of ${props.application}` : ''}, used by this
          stage
        </label>
        {share ? (
          <div className="cj-field">
            <label htmlFor={id('import-share-name')}>Name of the new shared config</label>
            <input
              id={id('import-share-name')}
              type="text"
              className="form-control input-sm"
              value={name}
              placeholder={suggestedSharedName(text) || 'e.g. checkout-canary'}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
        ) : null}
      </div>
      <button type="button" className="btn btn-default btn-sm cj-button" disabled={busy} onClick={() => void run()}>
        {share ? 'Import and save as shared' : 'Import'}
      </button>{' '}
      {note ? (
        <span role="status" className={note.ok ? 'cj-hint' : 'cj-error'}>
          {note.text}
        </span>
      ) : null}
    </details>
  );
}
