/** Line icons drawn inline (no icon font or download), 24×24, stroke = currentColor; the console's and the desk's. */
const paths = {
  links: 'M4 18c4-8 12-8 16 0M7 18c2.5-4.5 7.5-4.5 10 0M12 18v.01M2 12c5.5-7 14.5-7 20 0',
  map: 'M9 4 3 6v14l6-2 6 2 6-2V4l-6 2-6-2zM9 4v14M15 6v14',
  video: 'M3 7h12v10H3zM15 10l6-3v10l-6-3',
  messages: 'M4 5h16v11H9l-5 4z',
  orders: 'M8 4h8v3H8zM6 5H4v16h16V5h-2M8 12l2.5 2.5L16 9M8 18h8',
  reports: 'M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7',
  sync: 'M4 12a8 8 0 0 1 14-5l2-2v6h-6l2.5-2.5A5.5 5.5 0 0 0 6.5 12M20 12a8 8 0 0 1-14 5l-2 2v-6h6l-2.5 2.5A5.5 5.5 0 0 0 17.5 12',
  moon: 'M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z',
  sun: 'M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM12 1v3M12 20v3M1 12h3M20 12h3M4.2 4.2l2.1 2.1M17.7 17.7l2.1 2.1M4.2 19.8l2.1-2.1M17.7 6.3l2.1-2.1',
  alert: 'M12 3 2 20h20zM12 10v4M12 17v.01',
  directory: 'M5 3h13v18H5zM5 7H3M5 12H3M5 17H3M11.5 11a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM8 16c.8-2.2 6.2-2.2 7 0',
  center: 'M3 21h18M5 21V8l7-5 7 5v13M9 21v-6h6v6',
  vehicle: 'M2 16V8h11l3 4h4l2 2v2h-2M2 16h2M8 16h8M6 18a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM18 18a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 22, title }: { name: IconName; size?: number; title?: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
    >
      {title ? <title>{title}</title> : null}
      <path d={paths[name]} />
    </svg>
  );
}
