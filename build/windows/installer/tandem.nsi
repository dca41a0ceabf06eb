; Tandem-Setup-<version>.exe: per-user installer in German, no admin rights.
; Built by scripts/windows-build.sh:
;   makensis -DVERSION=0.1.0 -DEXE=build/bin/tandem.exe -DOUTFILE=... tandem.nsi
; Exit codes: 0 installed, 1 cancelled, 2 refused (a newer version is installed).
; Silent mode (/S) writes what a dialog would have said to %TEMP%\Tandem-Setup.log.

Unicode true
Target amd64-unicode
RequestExecutionLevel user
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION | EXE | OUTFILE
  !error "VERSION, EXE and OUTFILE must be defined (-DVERSION=… -DEXE=… -DOUTFILE=…)"
!endif

!define PRODUCT "Tandem"
!define PUBLISHER "Tandem"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Tandem"
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define LOGNAME "Tandem-Setup.log"

!ifdef SIGN_SCRIPT
  !uninstfinalize '"${SIGN_SCRIPT}" "%1"'
!endif

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Tandem"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show
BrandingText "Tandem ${VERSION}"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=1031 "ProductName" "Tandem"
VIAddVersionKey /LANG=1031 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1031 "FileDescription" "Tandem ${VERSION} – Installation"
VIAddVersionKey /LANG=1031 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1031 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1031 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WordFunc.nsh"

!define MUI_ICON "..\icon.ico"
!define MUI_UNICON "..\icon.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\tandem.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Tandem jetzt starten"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "Tandem wird von diesem Computer entfernt. Ihre Daten (Datenbank und Sicherungen in %AppData%\Tandem) werden dabei NICHT gelöscht."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "German"

!define DATA_KEPT "Ihre Daten in $APPDATA\Tandem (Datenbank tandem.db und Sicherungen) bleiben erhalten."
!define WEBVIEW2_MISSING "Tandem braucht die „Microsoft Edge WebView2 Runtime“, die auf diesem Computer nicht gefunden wurde. Bitte wenden Sie sich an Ihre IT: Sie muss den „Evergreen Standalone Installer“ der Microsoft Edge WebView2 Runtime installieren (das geht ohne Internetverbindung). Tandem wurde trotzdem installiert, startet aber erst mit der Runtime."

; Log appends a line to %TEMP%\Tandem-Setup.log (UTF-16 with BOM) and
; to the details list, so silent installs leave a trace of every decision.
!macro LogLine TEXT
  Push "${TEXT}"
  Call LogLine
!macroend
!macro UnLogLine TEXT
  Push "${TEXT}"
  Call un.LogLine
!macroend

!macro LOG_FUNCTION PREFIX
Function ${PREFIX}LogLine
  Exch $0
  Push $1
  DetailPrint "$0"
  ClearErrors
  FileOpen $1 "$TEMP\${LOGNAME}" a
  ${IfNot} ${Errors}
    FileSeek $1 0 END
    FileWriteUTF16LE /BOM $1 "$0$\r$\n"
    FileClose $1
  ${EndIf}
  Pop $1
  Pop $0
FunctionEnd
!macroend
!insertmacro LOG_FUNCTION ""
!insertmacro LOG_FUNCTION "un."


Section "Tandem (Programm und Startmenü)" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=tandem.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\Tandem.lnk" "$INSTDIR\tandem.exe" "" "$INSTDIR\tandem.exe" 0

  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "Tandem"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\tandem.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  !insertmacro LogLine "Tandem ${VERSION} installiert in $INSTDIR."
SectionEnd

Section /o "Verknüpfung auf dem Desktop" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\Tandem.lnk" "$INSTDIR\tandem.exe" "" "$INSTDIR\tandem.exe" 0
SectionEnd

; The WebView2 runtime is never downloaded: laptops may have no internet.
; IT installs the Evergreen Standalone Installer, or puts a Fixed Version
; runtime into the WebView2 folder beside tandem.exe.
Section "-WebView2"
  Call HasWebView2
  Pop $0
  ${If} $0 == "1"
    !insertmacro LogLine "WebView2 Runtime gefunden."
  ${Else}
    !insertmacro LogLine "HINWEIS: ${WEBVIEW2_MISSING}"
    MessageBox MB_ICONEXCLAMATION|MB_OK "${WEBVIEW2_MISSING}" /SD IDOK
  ${EndIf}
SectionEnd

Function HasWebView2
  ${If} ${FileExists} "$INSTDIR\WebView2\msedgewebview2.exe"
    Push "1"
    Return
  ${EndIf}
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    Push "0"
  ${Else}
    Push "1"
  ${EndIf}
FunctionEnd

Function .onInit
  ; A newer installed version is never replaced by an older one.
  ReadRegStr $0 HKCU "${UNINST_KEY}" "DisplayVersion"
  ${If} $0 != ""
    ${VersionCompare} "$0" "${VERSION}" $1
    ${If} $1 == 1
      StrCpy $2 "Auf diesem Computer ist bereits Tandem $0 installiert, eine neuere Version als ${VERSION}. Eine ältere Version kann nicht darüber installiert werden; es wurde nichts verändert."
      !insertmacro LogLine "$2"
      MessageBox MB_ICONSTOP|MB_OK "$2" /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${EndIf}
  ; /DESKTOP also creates the desktop shortcut in silent installs.
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} "$0" "/DESKTOP" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecDesktop} ${SF_SELECTED}
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\Tandem.lnk"
  Delete "$DESKTOP\Tandem.lnk"
  Delete "$INSTDIR\tandem.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir /r "$INSTDIR\WebView2"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  ; Never touched: %AppData%\Tandem (database, backups, log).
  !insertmacro UnLogLine "Tandem wurde entfernt. ${DATA_KEPT}"
SectionEnd

Function un.onUninstSuccess
  MessageBox MB_ICONINFORMATION|MB_OK "Tandem wurde entfernt. ${DATA_KEPT}" /SD IDOK
FunctionEnd
