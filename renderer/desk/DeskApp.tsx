import { useState } from 'react';
import type { DeskMe } from '../../protocol/sync/desk';
import type { ShownError } from '../i18n/errorText';
import { DeskSession } from './shell/DeskSession';
import { DeskTopBar } from './shell/DeskTopBar';
import { SignIn } from './shell/SignIn';
import { useDeskPrefs } from './shell/useDeskPrefs';

const TOKEN_KEY = 'mcv-desk-token';

/** The center's desk (the renderer in its center role, served by the center under /ui/): sign in, then the command room. */
export function DeskApp() {
  const prefs = useDeskPrefs();
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [firstMe, setFirstMe] = useState<DeskMe | null>(null);
  const [signedOutBecause, setSignedOutBecause] = useState<ShownError | null>(null);

  const signIn = (value: string, me: DeskMe) => {
    sessionStorage.setItem(TOKEN_KEY, value);
    setSignedOutBecause(null);
    setFirstMe(me);
    setToken(value);
  };
  const signOut = (because: ShownError | null) => {
    sessionStorage.removeItem(TOKEN_KEY);
    setSignedOutBecause(because);
    setFirstMe(null);
    setToken(null);
  };

  if (token) return <DeskSession key={token} token={token} firstMe={firstMe} prefs={prefs} onSignOut={signOut} />;
  return (
    <div className="desk-app signed-out">
      <DeskTopBar prefs={prefs} />
      <main className="view desk-view">
        <SignIn key={signedOutBecause?.key ?? 'none'} onSignedIn={signIn} reason={signedOutBecause} />
      </main>
    </div>
  );
}
