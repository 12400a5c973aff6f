'use client';
import { useActionState, useState } from 'react';
import { updatePageSettingsAction } from '@/lib/actions/page';
import type { FormState } from '@/lib/admin-ui/form-state';
import { accentForDarkMode, contrastRatio, formatRatio, MIN_ACCENT_CONTRAST, parseHexColor, readableAccent, LIGHT_BACKGROUND } from '@/lib/accent-color';
import { BUTTON, CONTROL, described, Field, FormError, Notice, SECONDARY_BUTTON, Select, TextField } from './fields';

export interface PageSettingsValues {
  name: string;
  url: string;
  timeZone: string;
  supportUrl: string;
  logoUrl: string;
  accentColor: string;
}

/**
 * The page settings form. `version` (the page's last change) remounts the fields after a save, so
 * they show what was stored (normalised: trimmed, `#rgb` widened).
 */
export function PageSettingsForm({ settings, timeZones, version }: { settings: PageSettingsValues; timeZones: string[]; version: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(updatePageSettingsAction, {});
  const retry = state.values as PageSettingsValues | undefined;
  return (
    <form action={action} className="space-y-5">
      <Notice message={state.notice} />
      <FormError message={state.error} />
      <SettingsFields key={retry ? 'retry' : version} values={retry ?? settings} errors={state.fieldErrors ?? {}} timeZones={timeZones} />
      <button type="submit" className={BUTTON} disabled={pending}>
        {pending ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}

/** The zones to choose from, the current one first if it is an alias Intl does not list. */
function zoneOptions(timeZones: string[], current: string) {
  return (timeZones.includes(current) ? timeZones : [current, ...timeZones]).map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));
}

function SettingsFields({ values, errors, timeZones }: { values: PageSettingsValues; errors: Record<string, string>; timeZones: string[] }) {
  // What the preview shows follows the typing; the rest of the fields are left to the browser.
  const [name, setName] = useState(values.name);
  const [logoUrl, setLogoUrl] = useState(values.logoUrl);
  const [accent, setAccent] = useState(values.accentColor);
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="space-y-5">
        <TextField name="name" label="Page name" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} error={errors.name} />
        <TextField
          name="url"
          label="Public URL"
          type="url"
          required
          placeholder="https://status.example.com"
          defaultValue={values.url}
          hint="Where visitors reach this page; links in feeds, badges and the JSON API are built on it."
          error={errors.url}
        />
        <Select
          name="timeZone"
          label="Time zone"
          options={zoneOptions(timeZones, values.timeZone)}
          defaultValue={values.timeZone}
          hint="Visitors see times in this zone; maintenance is scheduled in it."
          error={errors.timeZone}
        />
        <TextField
          name="supportUrl"
          label="Support link (optional)"
          placeholder="https://example.com/help or mailto:support@example.com"
          defaultValue={values.supportUrl}
          hint={'Shown as "Contact support" on the public page. Leave empty for none.'}
          error={errors.supportUrl}
        />
        <TextField
          name="logoUrl"
          label="Logo (optional)"
          placeholder="https://example.com/logo.svg"
          value={logoUrl}
          onChange={(event) => setLogoUrl(event.target.value)}
          hint="An https:// address or a path on this site such as /logo.svg; shown 32 px high beside the name."
          error={errors.logoUrl}
        />
        <AccentField value={accent} onChange={setAccent} error={errors.accentColor} />
      </div>
      <Preview name={name} logoUrl={logoUrl} accent={accent} />
    </div>
  );
}

/** A colour picker and its text, kept in step; the contrast rule is checked as it is typed. */
function AccentField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  const hex = parseHexColor(value);
  const ratio = hex ? contrastRatio(hex, LIGHT_BACKGROUND) : null;
  const readable = hex ? readableAccent(hex) : null;
  const hint = !value.trim()
    ? 'None: the page keeps its default colours.'
    : ratio === null
      ? 'Write it as #rrggbb or #rgb.'
      : ratio >= MIN_ACCENT_CONTRAST
        ? `Contrast ${formatRatio(ratio)} on the page background: readable as link colour.`
        : `Contrast ${formatRatio(ratio)} on the page background: too light for links (${formatRatio(MIN_ACCENT_CONTRAST)} needed).`;
  return (
    <Field name="accentColor" label="Accent colour (optional)" error={error} hint={hint}>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <input
          type="color"
          aria-label="Pick the accent colour"
          value={hex ?? '#1d4ed8'}
          onChange={(event) => onChange(event.target.value)}
          className="h-10 w-14 shrink-0 cursor-pointer rounded-md border border-slate-300 bg-white p-1 dark:border-slate-700 dark:bg-slate-900"
        />
        <div className="w-32 [&>input]:mt-0">
        <input
          id="accentColor"
          name="accentColor"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          placeholder="#1d4ed8"
          maxLength={7}
          autoComplete="off"
          spellCheck={false}
          className={`${CONTROL} font-mono`}
          aria-invalid={error ? true : undefined}
          aria-describedby={described('accentColor', error, hint)}
        />
        </div>
        {value && (
          <button type="button" className={SECONDARY_BUTTON} onClick={() => onChange('')}>
            No accent
          </button>
        )}
        {readable && readable !== hex && (
          <button type="button" className={SECONDARY_BUTTON} onClick={() => onChange(readable)}>
            Use {readable} instead
          </button>
        )}
      </div>
    </Field>
  );
}

const looksLikeLogo = (url: string) => /^https:\/\/\S+$/.test(url) || /^\/(?![/\\])\S*$/.test(url);

/** The public page's header as it will look, in light and dark mode. */
function Preview({ name, logoUrl, accent }: { name: string; logoUrl: string; accent: string }) {
  const hex = parseHexColor(accent);
  const [failedLogo, setFailedLogo] = useState<string | null>(null);
  const logo = looksLikeLogo(logoUrl.trim()) ? logoUrl.trim() : null;
  const modes = [
    { label: 'Light', className: 'bg-slate-50 text-slate-900', color: hex },
    { label: 'Dark', className: 'bg-slate-950 text-slate-100', color: hex && accentForDarkMode(hex) },
  ];
  return (
    <section aria-labelledby="preview" className="space-y-2 lg:sticky lg:top-6 lg:self-start">
      <h2 id="preview" className="text-sm font-medium">
        Preview
      </h2>
      {modes.map((mode) => (
        <div key={mode.label} className={`overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800 ${mode.className}`}>
          <div className="h-1" style={{ background: mode.color ?? 'transparent' }} />
          <div className="space-y-2 p-4">
            <p className="flex min-w-0 items-center gap-2 text-lg font-bold" style={{ color: mode.color ?? undefined }}>
              {logo && failedLogo !== logo && <img src={logo} alt="" className="h-8 w-auto max-w-24 shrink-0" onError={() => setFailedLogo(logo)} />}
              <span className="truncate">{name.trim() || 'Page name'}</span>
            </p>
            <p className="flex gap-3 text-sm">
              <span className="underline underline-offset-2" style={{ color: mode.color ?? undefined }}>
                Incident history
              </span>
              <span className="text-xs opacity-70">{mode.label} mode</span>
            </p>
          </div>
        </div>
      ))}
      {logo && failedLogo === logo && (
        <p role="status" className="text-sm text-major">
          The logo could not be loaded from {logo}.
        </p>
      )}
    </section>
  );
}
