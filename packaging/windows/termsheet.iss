; Inno Setup 6 script: a per-user installer for the one-folder bundle (no administrator rights).
;
; Built by `python packaging/build.py installer` on Windows, which passes:
;   /DAppVersion=0.1.0  /DSourceDir=<dist\termsheet>  /DOutputDir=<dist>  /DIconFile=<termsheet.ico>
;   and, when TERMSHEET_SIGNTOOL_ARGS is set, /Stermsheet=$q<signtool.exe>$q <args> $f  /DSign,
;   which signs both .exe files, the setup and the uninstaller
; By hand:  iscc /DAppVersion=0.1.0 /DSourceDir=dist\termsheet /DOutputDir=dist
;                /DIconFile=build\pyinstaller\termsheet.ico packaging\windows\termsheet.iss
;
; Installs to %LOCALAPPDATA%\Programs\Term Sheet (IT may pass /ALLUSERS for Program Files),
; adds a Start-menu entry (and, if ticked, a desktop icon), registers an uninstaller under
; Settings > Apps. Settings and logs live in the user's profile (registry, %LOCALAPPDATA%\termsheet)
; and are kept on uninstall. Silent install for IT: setup.exe /VERYSILENT /SUPPRESSMSGBOXES

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z
#endif
#ifndef SourceDir
  #error Pass /DSourceDir=path\to\dist\termsheet
#endif
#ifndef OutputDir
  #define OutputDir "."
#endif

[Setup]
; AppId identifies the product for upgrades and uninstall: never change it.
AppId={{6C3F0B52-8E1D-4B7A-9C55-2F7E4A1D9B30}
AppName=Term Sheet
AppVersion={#AppVersion}
AppVerName=Term Sheet {#AppVersion}
AppPublisher=termsheet
DefaultDirName={autopf}\Term Sheet
DefaultGroupName=Term Sheet
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=termsheet-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName=Term Sheet {#AppVersion}
UninstallDisplayIcon={app}\termsheet.exe
CloseApplications=yes
#ifdef IconFile
SetupIconFile={#IconFile}
#endif
#ifdef Sign
SignTool=termsheet
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an upgrade replaces the whole bundle, so no file of an older version is left behind
Type: filesandordirs; Name: "{app}\_internal"

[Files]
#ifdef Sign
Source: "{#SourceDir}\termsheet.exe"; DestDir: "{app}"; Flags: ignoreversion signonce
Source: "{#SourceDir}\termsheet-cli.exe"; DestDir: "{app}"; Flags: ignoreversion signonce
Source: "{#SourceDir}\*"; Excludes: "\termsheet.exe,\termsheet-cli.exe"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
#else
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
#endif

[Icons]
Name: "{autoprograms}\Term Sheet"; Filename: "{app}\termsheet.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\Term Sheet"; Filename: "{app}\termsheet.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\termsheet.exe"; Description: "{cm:LaunchProgram,Term Sheet}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"
