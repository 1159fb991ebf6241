import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToCore } from './api/CoreClient';
import { CoreProvider } from './api/coreContext';
import { AppFrame } from './frame/AppFrame';
import { initI18n } from './i18n/i18n';
import './styles/theme.css';
import './styles/frame.css';
import './styles/links.css';
import './styles/messages.css';
import './styles/sync.css';

const client = connectToCore();
const initialLanguage = navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

void initI18n(initialLanguage).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <CoreProvider client={client}>
        <AppFrame />
      </CoreProvider>
    </StrictMode>,
  );
});
