// electron-builder configuration: `npm run pack:dir` (unpacked folder) and `npm run dist`
// (AppImage + deb on Linux, an NSIS installer on Windows). Both build dist/ first.
//
// Native modules: better-sqlite3 must be compiled for Electron's ABI, not Node's.
// npmRebuild (on by default) does that while packing, via @electron/rebuild; it needs the
// Electron headers, so it runs on a machine with internet. There, `npx electron-builder
// install-app-deps` also rebuilds node_modules in place for `npm start`. Offline machines
// pack with `-c.npmRebuild=false -c.electronDist=<unpacked Electron>` (the packaging test
// does), which gives an app whose better-sqlite3 is built for Node, not for Electron.

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'ir.daftar.desktop',
  productName: 'Daftar',
  copyright: 'Daftar team',
  directories: {
    output: 'release',
    buildResources: 'build',
  },
  // Only the built app and package.json (its "main" points at dist/electron/main.cjs);
  // production node_modules are added by electron-builder itself.
  files: [
    'dist/electron/**',
    'dist/main/**',
    'dist/renderer/**',
    'package.json',
    // The web host (a static server for development and the e2e tests) has no place in the app.
    '!dist/main/webhost.*',
    // better-sqlite3's compiler inputs and leftovers are not needed at run time.
    '!node_modules/better-sqlite3/deps/**',
    '!node_modules/better-sqlite3/src/**',
    '!node_modules/better-sqlite3/build/Release/obj/**',
    '!node_modules/better-sqlite3/build/Release/obj.target/**',
    '!node_modules/better-sqlite3/build/Release/.deps/**',
    '!node_modules/better-sqlite3/build/Release/test_extension.node',
    '!node_modules/better-sqlite3/build/Release/*.a',
    // Nothing runs TypeScript or reads source maps at run time (some packages ship both).
    '!**/*.{ts,tsx,mts,cts,map}',
  ],
  // Icons for the window and the tray, outside the asar (see shellPaths in electron/shell.ts).
  extraResources: [{ from: 'build/icons', to: 'icons', filter: ['*.png'] }],
  asar: true,
  // Native code cannot be loaded from inside an asar archive; node-notifier also runs
  // helper binaries that it ships.
  asarUnpack: ['node_modules/better-sqlite3/**', 'node_modules/node-notifier/**', '**/*.node'],
  npmRebuild: true,
  // Flipped in the packed Electron binary right before signing (electron-builder's step,
  // backed by @electron/fuses). They close ways to run other code with the app's binary.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    enableCookieEncryption: true,
    // The renderer is served from app://, never file://, so file:// needs no extra powers.
    grantFileProtocolExtraPrivileges: false,
  },
  publish: null,
  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'daftar',
    icon: 'build/icons',
    category: 'Office',
    maintainer: 'Daftar team <support@daftar.ir>',
    vendor: 'Daftar',
    synopsis: 'Softphone and CRM for Persian-speaking offices',
    description: 'دفتر — نرم‌افزار تلفن و ارتباط با مشتری برای دفترهای فارسی‌زبان',
    desktop: {
      entry: {
        Name: 'Daftar',
        'Name[fa]': 'دفتر',
        Comment: 'Softphone and CRM',
        'Comment[fa]': 'تلفن و ارتباط با مشتری',
        StartupWMClass: 'Daftar',
      },
    },
  },
  deb: {
    priority: 'optional',
  },
  win: {
    target: ['nsis'],
    icon: 'build/icons/512x512.png',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    shortcutName: 'Daftar',
  },
};
