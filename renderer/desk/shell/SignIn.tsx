import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskMe } from '../../../protocol/sync/desk';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';
import { DeskApi } from '../deskApi';

/** Sign-in with a staff token; a refusal says why, translated by the center's error code. */
export function SignIn({ onSignedIn, reason }: { onSignedIn: (token: string, me: DeskMe) => void; reason: ShownError | null }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<ShownError | null>(reason);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const token = String(new FormData(event.currentTarget).get('token') ?? '').trim();
    if (!token) return;
    setBusy(true);
    new DeskApi(token).me().then(
      (me) => onSignedIn(token, me),
      (error: unknown) => {
        setBusy(false);
        setProblem(shownError(error));
      },
    );
  };

  return (
    <form className="desk-sign-in" onSubmit={submit} data-testid="desk-sign-in">
      <h1>{t('desk.signIn')}</h1>
      <p className="desk-sign-in-hint">{t('desk.signInHint')}</p>
      <label>
        {t('desk.token')}
        <input name="token" type="password" autoComplete="off" placeholder="mcv-s.…" required data-testid="desk-token" />
      </label>
      {problem ? (
        <div data-testid="desk-sign-in-problem">
          <ErrorText error={problem} template="desk.signInRefused" />
        </div>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('desk.signingIn') : t('desk.signInButton')}
      </button>
    </form>
  );
}
