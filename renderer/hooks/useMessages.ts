import { useCallback, useState } from 'react';
import type { InboxItemView, MessageView } from '../../protocol/api/messaging';
import { useCoreEvent, useOnConnect } from '../api/coreContext';
import type { CoreClient } from '../api/CoreClient';
import { shownError, type ShownError } from '../i18n/errorText';

/** Merges changed entries into a list kept newest first, by id. */
function mergeById<T extends { id: string; createdAt: number }>(list: T[], changed: readonly T[]): T[] {
  const byId = new Map(list.map((item) => [item.id, item]));
  for (const item of changed) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
}

export interface ListState<T> {
  items: T[];
  loaded: boolean;
  error: ShownError | undefined;
}

/** The crew's messages: listed on (re)connect, then kept current by `messages.changed`. */
export function useMessages(): ListState<MessageView> {
  const [state, setState] = useState<ListState<MessageView>>({ items: [], loaded: false, error: undefined });
  useOnConnect(
    useCallback((client: CoreClient) => {
      client.call('messages.list', {}).then(
        (items) => setState({ items, loaded: true, error: undefined }),
        (error: unknown) => setState((s) => ({ ...s, error: shownError(error) })),
      );
    }, []),
  );
  useCoreEvent(
    'messages.changed',
    useCallback((changed: MessageView[]) => setState((s) => ({ ...s, items: mergeById(s.items, changed) })), []),
  );
  return state;
}

/** Orders and updates from the center, newest first. */
export function useInbox(): ListState<InboxItemView> {
  const [state, setState] = useState<ListState<InboxItemView>>({ items: [], loaded: false, error: undefined });
  useOnConnect(
    useCallback((client: CoreClient) => {
      client.call('inbox.list', {}).then(
        (items) => setState({ items, loaded: true, error: undefined }),
        (error: unknown) => setState((s) => ({ ...s, error: shownError(error) })),
      );
    }, []),
  );
  useCoreEvent(
    'inbox.changed',
    useCallback((changed: InboxItemView[]) => setState((s) => ({ ...s, items: mergeById(s.items, changed) })), []),
  );
  return state;
}
