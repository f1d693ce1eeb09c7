import { useI18n } from '../i18n/I18n';
import type { Resource } from './types';

/** Checkboxes choosing which practitioners and rooms the calendar shows. */
export function ResourceChooser({
  resources,
  selected,
  onChange,
}: {
  resources: readonly Resource[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useI18n();
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...selected, id] : selected.filter((candidate) => candidate !== id);
    // Keep the clinic's order, whatever the clicking order.
    onChange(resources.map((resource) => resource.id).filter((candidate) => next.includes(candidate)));
  };
  return (
    <fieldset className="resource-chooser">
      <legend>{t('calendar.resources')}</legend>
      {resources
        .filter((resource) => resource.active)
        .map((resource) => (
          <label key={resource.id} className="check">
            <input
              type="checkbox"
              checked={selected.includes(resource.id)}
              onChange={(event) => toggle(resource.id, event.target.checked)}
            />
            {resource.name}
            <span className="visually-hidden"> ({t(resource.kind === 'room' ? 'booking.room' : 'booking.practitioner')})</span>
          </label>
        ))}
    </fieldset>
  );
}
