/**
 * Shared canary configs in the stage editor (Kayenta keeps a library of canary configs per application that many
 * pipelines point at): "Use a shared config" (a picker with the application's configs and their versions, `latest`
 * resolved when the judgment starts, and a read-only preview), "Save this config as shared", and "Edit" of a shared
 * config, which copies it into the inline editor and saves the changes as the config's next version.
 */
import * as React from 'react';
import type { CanaryConfig } from '@canary-judge/shared';
import { testIds } from '../testIds';
import { apiErrorText, sharedConfigApi, type SharedConfigSummary, type SharedConfigVersion } from './sharedConfigApi';

/** Props: where the API is, the application, the stage's reference and the callbacks into the editor. */
export interface SharedConfigPanelProps {
  apiBase: string;
  application: string;
  configRef: { name: string; version: string } | null;
  /** The inline config as the stage holds it now (what "save as shared" stores). */
  inlineConfig: () => CanaryConfig;
  /** Set or clear the reference. */
  onRef: (ref: { name: string; version: string } | null) => void;
  /** Load a config into the inline editor (Edit); `editing` = the shared config name a save will version. */
  onEdit: (config: CanaryConfig, editing: string) => void;
  /** The shared config being edited inline, if any (its name). */
  editing: string | null;
  idPrefix: string;
}

/** The panel. */
export function SharedConfigPanel(props: SharedConfigPanelProps) {
  const api = React.useMemo(() => sharedConfigApi(props.apiBase), [props.apiBase]);
  const [configs, setConfigs] = React.useState<SharedConfigSummary[] | null>(null);
  const [preview, setPreview] = React.useState<SharedConfigVersion | null>(null);
  const [note, setNote] = React.useState<{ ok: boolean; text: string } | null>(null);
  const [saveName, setSaveName] = React.useState('');
  const [reload, setReload] = React.useState(0);
  const ref = props.configRef;
  // Nothing is fetched until the author opens this part (or the stage already uses a shared config).
  const [open, setOpen] = React.useState(ref !== null || props.editing !== null);

  React.useEffect(() => {
    let alive = true;
    if (!open) return undefined;
    api
      .list(props.application)
      .then((list) => alive && setConfigs(list))
      .catch(
        (e: unknown) => alive && setNote({ ok: false, text: `Could not list shared configs: ${apiErrorText(e)}` }),
      );
    return () => {
      alive = false;
    };
  }, [api, props.application, reload, open]);

  React.useEffect(() => {
    let alive = true;
    if (!ref || ref.name === '') {
      setPreview(null);
      return undefined;
    }
    api
      .get(ref.name, ref.version || 'latest')
      .then((v) => alive && setPreview(v))
      .catch((e: unknown) => {
        if (!alive) return;
        setPreview(null);
        setNote({ ok: false, text: `Could not load ${ref.name} ${ref.version}: ${apiErrorText(e)}` });
      });
    return () => {
      alive = false;
    };
  }, [api, ref?.name, ref?.version]);

  const chosen = configs?.find((c) => c.name === ref?.name) ?? null;
  const saveShared = async (): Promise<void> => {
    try {
      const saved = props.editing
        ? await api.update(props.editing, props.inlineConfig())
        : await api.create(props.application, saveName.trim(), props.inlineConfig());
      setNote({
        ok: true,
        text: `Saved as shared config ${saved.name} version ${saved.version}; the stage now uses it.`,
      });
      setReload((n) => n + 1);
      props.onRef({ name: saved.name, version: String(saved.version) });
    } catch (e) {
      setNote({ ok: false, text: `Could not save: ${apiErrorText(e)}` });
    }
  };
  const id = (f: string) => `${props.idPrefix}-shared-${f}`;

  return (
    <details
      className="cj-shared"
      data-testid={testIds.config.sharedConfig}
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        {ref ? `Shared canary config ${ref.name} (${ref.version})` : 'Shared canary configs: use one, or save this one'}
      </summary>
      <div className="cj-row" role="radiogroup" aria-label="Canary config">
        <label className="cj-check">
          <input type="radio" name={id('mode')} checked={ref === null} onChange={() => props.onRef(null)} />
          Inline config (edited below)
        </label>
        <label className="cj-check">
          <input
            type="radio"
            name={id('mode')}
            checked={ref !== null}
            onChange={() => props.onRef({ name: configs?.[0]?.name ?? '', version: 'latest' })}
          />
          Use a shared config
        </label>
      </div>
      {ref ? (
        <div className="cj-row">
          <div className="cj-field">
            <label htmlFor={id('name')}>Shared config</label>
            <select
              id={id('name')}
              className="form-control input-sm"
              value={ref.name}
              onChange={(e) => props.onRef({ name: e.target.value, version: 'latest' })}
            >
              <option value="">(pick one)</option>
              {(configs ?? []).map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} (v{c.latestVersion}, used by {c.references})
                </option>
              ))}
              {ref.name !== '' && configs && !chosen ? <option value={ref.name}>{ref.name} (not found)</option> : null}
            </select>
          </div>
          <div className="cj-field">
            <label htmlFor={id('version')}>Version</label>
            <select
              id={id('version')}
              className="form-control input-sm"
              value={ref.version}
              onChange={(e) => props.onRef({ name: ref.name, version: e.target.value })}
            >
              <option value="latest">latest (resolved when the judgment starts)</option>
              {(chosen?.versions ?? []).map((v) => (
                <option key={v} value={String(v)}>
                  version {v}
                </option>
              ))}
              {ref.version !== 'latest' && !chosen?.versions.includes(Number(ref.version)) ? (
                <option value={ref.version}>version {ref.version}</option>
              ) : null}
            </select>
          </div>
          {preview ? (
            <button
              type="button"
              className="btn btn-default btn-sm"
              onClick={() => props.onEdit(preview.config, preview.name)}
            >
              Edit (saves a new version)
            </button>
          ) : null}
        </div>
      ) : (
        <div className="cj-row">
          {props.editing ? (
            <span className="cj-hint">Editing shared config {props.editing}: saving adds its next version.</span>
          ) : (
            <div className="cj-field">
              <label htmlFor={id('saveName')}>Shared config name</label>
              <input
                id={id('saveName')}
                type="text"
                className="form-control input-sm"
                value={saveName}
                onChange={(e) => setSaveName(e.target.value)}
              />
            </div>
          )}
          <button
            type="button"
            className="btn btn-default btn-sm"
            disabled={!props.editing && saveName.trim() === ''}
            onClick={() => void saveShared()}
          >
            {props.editing ? `Save as a new version of ${props.editing}` : 'Save this config as shared'}
          </button>
        </div>
      )}
      {note ? (
        <p role="status" className={note.ok ? 'cj-hint' : 'cj-error'}>
          {note.text}
        </p>
      ) : null}
      {ref && preview ? (
        <details open data-testid={testIds.config.sharedPreview}>
          <summary>
            Preview of {preview.name} version {preview.version} (read-only)
          </summary>
          <table className="table table-condensed cj-table">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Group</th>
                <th scope="col">Fail on</th>
                <th scope="col">Scope</th>
              </tr>
            </thead>
            <tbody>
              {preview.config.metrics.map((m) => (
                <tr key={m.name}>
                  <td>{m.name}</td>
                  <td>{(m.groups ?? []).join(', ')}</td>
                  <td>{m.analysisConfigurations?.canary?.direction ?? 'either'}</td>
                  <td>{m.scopeName ?? 'default'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="cj-hint">
            Group weights:{' '}
            {Object.entries(preview.config.classifier?.groupWeights ?? {})
              .map(([g, w]) => `${g} ${w}`)
              .join(', ')}
          </p>
        </details>
      ) : null}
    </details>
  );
}
