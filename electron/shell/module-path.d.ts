// electron-vite bundles `import x from './file?modulePath'` as its own chunk and gives its path.
declare module '*?modulePath' {
  const path: string;
  export default path;
}
