import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaRooms } from '../../protocol/media/signaling';
import type { DeskVehicle } from '../../protocol/sync/desk';
import { LANGUAGE_NAMES } from '../i18n/i18n';
import { DeskApi } from './deskApi';
import { DeskWatch } from './DeskWatch';
import { ErrorText } from '../frame/ErrorText';
import { shownError, type ShownError } from '../i18n/errorText';

const TOKEN_KEY = 'mcv-desk-token';

/** The center's desk (the renderer in its center role, served by the center under /ui/): sign in, see vehicles, watch one, talk back. */
export function DeskApp() {
  const { t, i18n } = useTranslation();
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const api = useMemo(() => (token ? new DeskApi(token) : undefined), [token]);
  const [vehicles, setVehicles] = useState<DeskVehicle[]>([]);
  const [rooms, setRooms] = useState<MediaRooms['rooms']>([]);
  const [watching, setWatching] = useState<DeskVehicle | undefined>(undefined);
  const [problem, setProblem] = useState<ShownError | null>(null);

  useEffect(() => {
    if (!api) return;
    let stopped = false;
    const refresh = () =>
      Promise.all([api.vehicles(), api.rooms()]).then(
        ([v, r]) => {
          if (stopped) return;
          setVehicles(v);
          setRooms(r);
          setProblem(null);
        },
        (error: unknown) => {
          if (stopped) return;
          setProblem(shownError(error));
          if ((error as { status?: number }).status === 401) {
            sessionStorage.removeItem(TOKEN_KEY);
            setToken(null);
          }
        },
      );
    void refresh();
    const timer = setInterval(() => void refresh(), 3000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api]);

  const signIn = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('token') ?? '').trim();
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    setToken(value);
  };
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
    setWatching(undefined);
  };
  const live = (id: string) =>
    rooms.find((r) => r.roomId === id)?.peers.some((p) => p.role === 'vehicle' && p.producers.length > 0) ?? false;

  return (
    <div className="desk-app">
      <header className="top-bar">
        <div className="brand">
          <div>
            <div className="brand-title">{t('desk.title')}</div>
            <div className="brand-sub">{t('desk.subtitle')}</div>
          </div>
        </div>
        <div className="top-bar-right">
          <div className="segmented" role="group" aria-label={t('settings.language')}>
            {(['zh-CN', 'en'] as const).map((language) => (
              <button
                key={language}
                type="button"
                lang={language}
                aria-pressed={i18n.language === language}
                className={i18n.language === language ? 'selected' : ''}
                onClick={() => void i18n.changeLanguage(language)}
              >
                {LANGUAGE_NAMES[language]}
              </button>
            ))}
          </div>
          {token ? (
            <button type="button" onClick={signOut}>
              {t('desk.signOut')}
            </button>
          ) : null}
        </div>
      </header>
      <main className="view desk-main">
        {!token ? (
          <form className="desk-sign-in" onSubmit={signIn}>
            <h1>{t('desk.signIn')}</h1>
            <label>
              {t('desk.token')}
              <input name="token" type="password" autoComplete="off" placeholder="mcv-s.…" data-testid="desk-token" />
            </label>
            <button type="submit" className="primary">
              {t('desk.signInButton')}
            </button>
          </form>
        ) : (
          <div className="desk-layout">
            <aside className="desk-vehicles">
              <h2>{t('desk.vehicles')}</h2>
              {problem ? <ErrorText error={problem} /> : null}
              <ul>
                {vehicles.map((v) => (
                  <li
                    key={v.id}
                    className={watching?.id === v.id ? 'selected' : ''}
                    data-testid="desk-vehicle"
                    data-vehicle-id={v.id}
                    data-live={live(v.id)}
                  >
                    <span className="desk-vehicle-name">{v.name}</span>
                    {live(v.id) ? (
                      <span className="state-chip tone-up">{t('desk.live')}</span>
                    ) : (
                      <span className="desk-offline">{t('desk.notLive')}</span>
                    )}
                    <button type="button" onClick={() => setWatching(v)} data-testid="desk-watch">
                      {t('desk.watch')}
                    </button>
                  </li>
                ))}
              </ul>
            </aside>
            {watching && api ? (
              <DeskWatch key={watching.id} api={api} vehicleId={watching.id} vehicleName={watching.name} staffName={t('desk.staff')} />
            ) : (
              <p className="view-message">{t('desk.pickVehicle')}</p>
            )}
          </div>
        )}
      </main>
    </div>
  );
}
