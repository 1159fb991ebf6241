import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToCore } from './api/CoreClient';
import { CoreProvider } from './api/coreContext';
import { AppFrame } from './frame/AppFrame';
import { DeskApp } from './desk/DeskApp';
import { initI18n } from './i18n/i18n';
import './styles/theme.css';
import './styles/frame.css';
import './styles/links.css';
import './styles/messages.css';
import './styles/orders.css';
import './styles/sync.css';
import './styles/video.css';
import './styles/desk.css';
import './styles/desk-fleet.css';
import './styles/desk-messages.css';
import './styles/desk-orders.css';
import './styles/desk-incidents.css';
import './styles/desk-iridium.css';
import './styles/duty.css';

const initialLanguage = navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
// Served by the center under /ui/, the same renderer is the center staff's desk.
const deskRole = location.pathname.startsWith('/ui/');

void initI18n(initialLanguage).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      {deskRole ? (
        <DeskApp />
      ) : (
        <CoreProvider client={connectToCore()}>
          <AppFrame />
        </CoreProvider>
      )}
    </StrictMode>,
  );
});
