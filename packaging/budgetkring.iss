; Inno Setup script: the Windows installer for Budgetkring (Inno Setup 6; UTF-8 with a BOM).
;
; Build the bundle first (make package, or pyinstaller packaging\budgetkring.spec), then:
;     iscc /DAppVersion=0.1.0 packaging\budgetkring.iss
; The installer is written to dist\Budgetkring-<version>-setup.exe.
;
; It installs for the current user only (no administrator rights: volunteers' laptops are often
; managed by someone else) into %LOCALAPPDATA%\Programs\Budgetkring, adds a Start-menu entry,
; and speaks Dutch. The uninstaller removes the program and nothing else: the user's data
; (%LOCALAPPDATA%\Budgetkring: the gegevensbestand, its reservekopieën and the settings) stay.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
; One fixed id for every version: a new version installs over the old one.
AppId={{54777565-AB81-48C1-A4D6-87793926E439}
AppName=Budgetkring
AppVersion={#AppVersion}
AppVerName=Budgetkring {#AppVersion}
AppPublisher=Budgetkring
PrivilegesRequired=lowest
; With the lowest privileges {autopf} is %LOCALAPPDATA%\Programs: a folder of the user's own.
DefaultDirName={autopf}\Budgetkring
DisableDirPage=yes
DefaultGroupName=Budgetkring
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=Budgetkring-{#AppVersion}-setup
SetupIconFile=..\resources\icons\budgetkring.ico
UninstallDisplayIcon={app}\Budgetkring.exe
UninstallDisplayName=Budgetkring
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
ShowLanguageDialog=no
; Ask to close a running Budgetkring before files are replaced.
CloseApplications=yes

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Messages]
; Said at the end of uninstalling: the program is gone, the data are not.
dutch.UninstalledAll=Budgetkring is van je computer gehaald.%n%nJe gegevens en je reservekopieën zijn er nog. Ze staan in je eigen map (AppData\Local\Budgetkring).

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle: Budgetkring.exe (the app), budgetkring-cli.exe (the command line)
; and _internal (Python, Qt, data, translations, fonts, help).
Source: "..\dist\budgetkring\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Budgetkring"; Filename: "{app}\Budgetkring.exe"; Comment: "Budgetkringen plannen en bijhouden"
Name: "{autodesktop}\Budgetkring"; Filename: "{app}\Budgetkring.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Budgetkring.exe"; Description: "{cm:LaunchProgram,Budgetkring}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the uninstaller removes only what it installed.
