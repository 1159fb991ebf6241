import { useTranslation } from 'react-i18next';
import type { DeskIridiumResponse } from '../../../protocol/sbd/deskIridium';
import { ErrorText } from '../../frame/ErrorText';
import { Tone } from '../common/Tone';
import { When } from '../common/When';
import { clockText } from '../deskTime';
import { useDesk } from '../live/deskContext';
import { useDeskQuery } from '../live/useDeskQuery';
import { moStatusText, mtAnswerText } from './iridiumText';

const SHOWN = 10;

/**
 * The vehicle's Iridium SBD path: its modem's IMEI, the latest MO sessions (what came up by
 * SBD) and MT messages with the gateway's answer in words. When there is nothing to show it
 * says why: no IMEI mapped (and how to map one), or nothing has gone by SBD yet.
 */
export function IridiumPanel({ vehicleId, now }: { vehicleId: string; now: number }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const { data, problem, loading } = useDeskQuery(`iridium:${vehicleId}`, () => api.iridium(vehicleId));
  return (
    <div className="desk-panel iridium-panel" data-testid="iridium-panel" data-imei={data?.imei ?? ''}>
      <div className="panel-head">
        <h2>{t('desk.iridium.title')}</h2>
        {data?.imei ? (
          <span className="iridium-imei">
            {t('desk.iridium.imei')} <span className="num">{data.imei}</span>
          </span>
        ) : null}
      </div>
      {problem ? <ErrorText error={problem} /> : null}
      {loading && !data ? <p className="view-message">{t('desk.loading')}</p> : null}
      {data ? <IridiumBody data={data} now={now} /> : null}
    </div>
  );
}

function IridiumBody({ data, now }: { data: DeskIridiumResponse; now: number }) {
  const { t } = useTranslation();
  if (data.imei === null && data.mo.length === 0 && data.mt.length === 0) {
    return (
      <div className="iridium-empty" data-testid="iridium-empty" data-why="no-imei">
        <p>{t('desk.iridium.noImei')}</p>
        <code className="iridium-command">{t('desk.iridium.noImeiCommand', { id: data.vehicleId })}</code>
      </div>
    );
  }
  if (data.mo.length === 0 && data.mt.length === 0) {
    return (
      <p className="iridium-empty" data-testid="iridium-empty" data-why="nothing-yet">
        {t('desk.iridium.nothingYet')}
      </p>
    );
  }
  return (
    <div className="iridium-lists">
      <section>
        <h3>{t('desk.iridium.mo.title')}</h3>
        {data.mo.length === 0 ? (
          <p className="cell-muted">{t('desk.iridium.mo.none')}</p>
        ) : (
          <table className="desk-table iridium-table" data-testid="iridium-mo">
            <thead>
              <tr>
                <th scope="col">{t('desk.iridium.mo.time')}</th>
                <th scope="col">{t('desk.iridium.mo.momsn')}</th>
                <th scope="col">{t('desk.iridium.mo.items')}</th>
                <th scope="col">{t('desk.iridium.mo.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.mo.slice(0, SHOWN).map((mo) => {
                const status = moStatusText(mo.sessionStatus);
                return (
                  <tr key={mo.cdrReference} data-testid="iridium-mo-row" data-momsn={mo.momsn}>
                    <td>
                      <When at={mo.sessionAt} now={now} />
                      <div className="cell-sub">{t('desk.iridium.mo.received', { time: clockText(mo.receivedAt, now) })}</div>
                    </td>
                    <td className="num">{mo.momsn}</td>
                    <td>
                      {mo.items === 0
                        ? t('desk.iridium.mo.noPayload')
                        : t(mo.held < mo.items ? 'desk.iridium.mo.heldFewer' : 'desk.iridium.mo.held', { held: mo.held, items: mo.items })}
                    </td>
                    <td>
                      <Tone tone={status.tone}>{t(status.key, status.values)}</Tone>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h3>{t('desk.iridium.mt.title')}</h3>
        {data.mt.length === 0 ? (
          <p className="cell-muted">{t('desk.iridium.mt.none')}</p>
        ) : (
          <table className="desk-table iridium-table" data-testid="iridium-mt">
            <thead>
              <tr>
                <th scope="col">{t('desk.iridium.mt.time')}</th>
                <th scope="col">{t('desk.iridium.mt.size')}</th>
                <th scope="col">{t('desk.iridium.mt.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {data.mt.slice(0, SHOWN).map((mt) => {
                const answer = mtAnswerText(mt);
                return (
                  <tr key={mt.clientMessageId} data-testid="iridium-mt-row" data-state={mt.state} data-status={mt.status ?? ''}>
                    <td>
                      <When at={mt.createdAt} now={now} />
                    </td>
                    <td className="num">{t('desk.iridium.mt.sizeText', { count: mt.itemIds.length, bytes: mt.payloadBytes })}</td>
                    <td>
                      <Tone tone={answer.tone} title={mt.detail}>
                        {t(answer.key, answer.values)}
                      </Tone>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
