; Windows: list Layerwise under "Open with" for .json files without becoming their default app.
; Explorer types files by their last extension only, so `*.layerwise.json` is a `.json` file to it and
; a `.layerwise.json` association would never be read (docs/desktop.md). The documented way to offer an
; app for a type it does not own is an OpenWithProgids entry pointing at the app's own ProgID.
; Included by electron-builder's NSIS script (electron-builder.config.mjs, nsis.include).

!define LAYERWISE_PROGID "Layerwise.Model"

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\${LAYERWISE_PROGID}" "" "Layerwise model"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${LAYERWISE_PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${LAYERWISE_PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  WriteRegStr SHELL_CONTEXT "Software\Classes\.json\OpenWithProgids" "${LAYERWISE_PROGID}" ""
  System::Call 'shell32::SHChangeNotify(i, i, i, i) v (0x08000000, 0, 0, 0)'
!macroend

!macro customUnInstall
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.json\OpenWithProgids" "${LAYERWISE_PROGID}"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\${LAYERWISE_PROGID}"
  System::Call 'shell32::SHChangeNotify(i, i, i, i) v (0x08000000, 0, 0, 0)'
!macroend
