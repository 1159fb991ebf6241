/** The desk's own line icons (24×24, stroke = currentColor), beside the console's in frame/icons. */
const paths = {
  fleet: 'M2 16V8h11l3 4h4l2 2v2h-2M2 16h2M8 16h8M6 18a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM18 18a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  messages: 'M4 5h16v11H9l-5 4z',
  orders: 'M8 4h8v3H8zM6 5H4v16h16V5h-2M8 12l2 2 4-4M8 17h8',
  video: 'M3 7h12v10H3zM15 10l6-3v10l-6-3',
  directory: 'M5 3h13v18H5zM5 7H3M5 12H3M5 17H3M11.5 11a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM8 16c.8-2.2 6.2-2.2 7 0',
  incidents: 'M12 3 2 20h20zM12 10v4M12 17v.01',
  map: 'M9 4 3 6v14l6-2 6 2 6-2V4l-6 2-6-2zM9 4v14M15 6v14',
  moon: 'M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z',
  sun: 'M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM12 1v3M12 20v3M1 12h3M20 12h3M4.2 4.2l2.1 2.1M17.7 17.7l2.1 2.1M4.2 19.8l2.1-2.1M17.7 6.3l2.1-2.1',
  center: 'M3 21h18M5 21V8l7-5 7 5v13M9 21v-6h6v6',
} as const;

export type DeskIconName = keyof typeof paths;

export function DeskIcon({ name, size = 22 }: { name: DeskIconName; size?: number }) {
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
      aria-hidden="true"
    >
      <path d={paths[name]} />
    </svg>
  );
}
