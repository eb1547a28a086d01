#requires -Version 5.1
<#
.SYNOPSIS
    Builds, lays out, documents, tests, packages and tours ComputeModule.
.DESCRIPTION
    Tasks run in the order given (All = Clean, Build, Layout, Docs, Test, Package):
      Clean    dotnet clean of the solution, and out/ removed.
      Build    dotnet publish src/ComputeModule -c <Configuration> to out/publish/ (the module's build also
               writes its help from docs/cmdlets).
      Layout   the module folder out/ComputeModule/<version>/: manifest (version stamped from
               Directory.Build.props ComputeModuleVersion, checked with Test-ModuleManifest), dlls, format
               file, help.
      Docs     docs/cmdlets/*.md -> out/ComputeModule/<version>/en-US/ComputeModule.dll-Help.xml, with
               PlatyPS's New-ExternalHelp when PlatyPS is installed, else with tools/HelpBuilder.
      Test     real Pester 5.9.1 (fetched by `dotnet restore tools/TestTools` into .tools/, never into your
               module paths) runs tests/Pester against the laid-out module, on -Backend emulator (an
               emulator started for the run) or openstack (the cloud of your OS_* variables, tests tagged
               EmulatorOnly excluded). Pester's NUnit XML: out/test-results/pester-<backend>.xml.
      Package  Publish-PSResource of the laid-out module to the file repository out/repository/
               (ComputeModule.<version>.nupkg), from a throw-away PSResourceGet store.
      Tour     Build and Layout, then an emulator with 25 servers and the narrated tour (tools/Tour/Tour.ps1)
               in a fresh pwsh that imports the module by name.
      Shell    Build and Layout, then an interactive pwsh with the module imported and connected to a fresh
               emulator; the emulator stops when that shell exits.
    Works in pwsh 7 (installed, or the dotnet tool of .config/dotnet-tools.json: `dotnet tool restore`, then
    `dotnet pwsh ./build.ps1`) and Windows PowerShell 5.1; needs the .NET 10 SDK on PATH. Child processes run
    in the same PowerShell as this script.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Tour
.EXAMPLE
    ./build.ps1 -Task Build, Layout
    Import-Module ./out/ComputeModule/0.1.0/ComputeModule.psd1
.EXAMPLE
    ./build.ps1 -Task Test -Backend openstack     # after: source /var/tmp/openstack/openrc
#>
[CmdletBinding()]
param(
    # Clean, Build, Layout, Docs, Test, Package, Tour, Shell or All; several in order. Comma-separated text
    # works too, as `pwsh ./build.ps1 -Task Build,Layout` from another shell passes one string.
    [ArgumentCompleter({ param($c, $p, $word) 'Clean', 'Build', 'Layout', 'Docs', 'Test', 'Package', 'Tour', 'Shell', 'All' | Where-Object { $_ -like "$word*" } })]
    [string[]]$Task = 'Build',

    [string]$Configuration = 'Release',

    # The Test task's backend.
    [ValidateSet('emulator', 'openstack')]
    [string]$Backend = 'emulator',

    # The Test task's Pester verbosity.
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string]$Verbosity = 'Normal'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$RepoRoot = $PSScriptRoot
$OutRoot = Join-Path $RepoRoot 'out'
$PublishDir = Join-Path $OutRoot 'publish'
$RepositoryDir = Join-Path $OutRoot 'repository'
$TestResultsDir = Join-Path $OutRoot 'test-results'
$ToolsDir = Join-Path $RepoRoot '.tools'
$ModuleName = 'ComputeModule'
$PesterVersion = '5.9.1'

function Get-ModuleVersion {
    # The version lives in Directory.Build.props and nowhere else.
    $props = [xml](Get-Content -Raw -Path (Join-Path $RepoRoot 'Directory.Build.props'))
    foreach ($group in $props.Project.PropertyGroup) {
        $node = $group.SelectSingleNode('ComputeModuleVersion')
        if ($node -and $node.InnerText.Trim()) { return $node.InnerText.Trim() }
    }
    throw 'ComputeModuleVersion is not set in Directory.Build.props'
}

# Emulator start and stop, the child pwsh command, environment variables: shared with the tests and the tour.
Import-Module (Join-Path $RepoRoot 'tools/ComputeEmulator/ComputeEmulator.psm1') -Force

$Version = Get-ModuleVersion
$LayoutDir = Join-Path (Join-Path $OutRoot $ModuleName) $Version
$LayoutManifest = Join-Path $LayoutDir "$ModuleName.psd1"

function Invoke-Dotnet([string[]]$Arguments) {
    # One array argument, not $args: a bare -- or -c would be taken by PowerShell's own parameter binding.
    Write-Host "dotnet $($Arguments -join ' ')" -ForegroundColor DarkGray
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE" }
}

function Invoke-ChildPwsh {
    # Runs a script file in a child PowerShell (so the module's dlls are not loaded, nor locked, in this
    # session) with extra environment variables. The child is a bare statement, its output neither captured
    # nor piped, so it writes to this console itself (an interactive shell keeps its terminal). Its exit
    # code is in $LASTEXITCODE afterwards.
    param([string]$File, [string[]]$Arguments = @(), [hashtable]$Environment = @{}, [switch]$Interactive)
    $pwsh = @(Get-PwshCommand)
    $argv = @($pwsh | Select-Object -Skip 1) + @('-NoProfile')
    $argv += if ($Interactive) { '-NoExit' } else { '-NonInteractive' }
    $argv += @('-File', $File) + $Arguments
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        Set-ProcessEnvironmentVariable -Name $name -Value $Environment[$name]
    }
    try {
        & $pwsh[0] @argv
    }
    finally {
        foreach ($name in $saved.Keys) { Set-ProcessEnvironmentVariable -Name $name -Value $saved[$name] }
    }
}

function Write-Step([string]$Text) {
    Write-Host "==> $Text" -ForegroundColor Cyan
}

function Invoke-Clean {
    Write-Step 'Clean'
    Invoke-Dotnet @('clean', (Join-Path $RepoRoot 'ComputeModule.sln'), '-c', $Configuration, '--nologo', '-v', 'q')
    if (Test-Path $OutRoot) { Remove-Item -Recurse -Force $OutRoot }
}

function Invoke-Build {
    Write-Step "Build ($Configuration)"
    Invoke-Dotnet @('publish', (Join-Path $RepoRoot 'src/ComputeModule'), '-c', $Configuration, '-o', $PublishDir, '--nologo')
}

function Invoke-Layout {
    Write-Step "Layout -> $LayoutDir"
    if (-not (Test-Path (Join-Path $PublishDir "$ModuleName.dll"))) { Invoke-Build }
    if (Test-Path $LayoutDir) { Remove-Item -Recurse -Force $LayoutDir }
    $null = New-Item -ItemType Directory -Force -Path $LayoutDir

    # The engine's own assemblies must never ship with the module: PowerShell provides them.
    $exclude = @('System.Management.Automation.dll', 'Microsoft.PowerShell.*.dll', '*.deps.json', '*.pdb', "$ModuleName.xml")
    Get-ChildItem -Path $PublishDir -File | Where-Object {
        $name = $_.Name
        -not ($exclude | Where-Object { $name -like $_ })
    } | Copy-Item -Destination $LayoutDir

    # Help built by the module's build: en-US/ComputeModule.dll-Help.xml and about_*.help.txt.
    $help = Join-Path $PublishDir 'en-US'
    if (Test-Path $help) { Copy-Item -Path $help -Destination $LayoutDir -Recurse }

    # The repo-root manifest is the source; the shipped one is generated from it with the version of
    # Directory.Build.props and, as PowerShellGet's Publish-Module used to add, a PSCommand_/PSCmdlet_ tag
    # per cmdlet: galleries and file repositories answer Find-PSResource -CommandName from those tags.
    $sourceManifest = Join-Path $RepoRoot "$ModuleName.psd1"
    $source = Import-PowerShellDataFile -Path $sourceManifest
    $tags = @($source.PrivateData.PSData.Tags) + 'PSModule', 'PSIncludes_Cmdlet' +
        @($source.CmdletsToExport | ForEach-Object { "PSCmdlet_$_"; "PSCommand_$_" })
    $text = Get-Content -Raw -Path $sourceManifest
    $text = [regex]::Replace($text, "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", "`${1}'$Version'")
    $tagList = ($tags | Select-Object -Unique | ForEach-Object { "'$_'" }) -join ', '
    $tagged = [regex]::Replace($text, "(?m)^(\s*Tags\s*=\s*)@\([^)]*\)", "`${1}@($tagList)")
    if ($tagged -eq $text) { throw "$sourceManifest has no one-line Tags = @(...) to extend" }
    $text = $tagged
    [System.IO.File]::WriteAllText($LayoutManifest, $text, [System.Text.UTF8Encoding]::new($false))
    foreach ($required in "$ModuleName.dll", "$ModuleName.psd1", "$ModuleName.Format.ps1xml") {
        if (-not (Test-Path (Join-Path $LayoutDir $required))) { throw "Layout is missing $required" }
    }
    $tested = Test-ModuleManifest -Path $LayoutManifest
    if ($tested.Version -ne [version]$Version) { throw "the laid-out manifest says $($tested.Version), not $Version" }
    Write-Host "Import-Module $LayoutManifest"
}

function Assert-Layout {
    if (-not (Test-Path $LayoutManifest)) { Invoke-Layout }
}

function Invoke-Docs {
    Write-Step 'Docs'
    $docs = Join-Path $RepoRoot 'docs/cmdlets'
    $target = Join-Path $LayoutDir 'en-US'
    $null = New-Item -ItemType Directory -Force -Path $target
    $platyPS = Get-Module -ListAvailable -Name platyPS | Sort-Object Version -Descending | Select-Object -First 1
    if ($platyPS) {
        Write-Host "PlatyPS $($platyPS.Version): New-ExternalHelp"
        Import-Module $platyPS -Force
        $null = New-ExternalHelp -Path $docs -OutputPath $target -Force
    }
    else {
        Write-Host 'PlatyPS is not installed: using tools/HelpBuilder'
        $project = Join-Path $RepoRoot 'tools/HelpBuilder'
        Invoke-Dotnet @('run', '--project', $project, '-c', $Configuration, '--', $docs, (Join-Path $target "$ModuleName.dll-Help.xml"))
    }
}

function Get-PesterManifest {
    # Pester from the NuGet registry into the git-ignored .tools/packages (a PackageDownload: files only).
    $manifest = Join-Path $ToolsDir "packages/pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        Invoke-Dotnet @('restore', (Join-Path $RepoRoot 'tools/TestTools/TestTools.csproj'), '--packages', (Join-Path $ToolsDir 'packages'), '--nologo', '-v', 'q')
    }
    if (-not (Test-Path $manifest)) { throw "Pester $PesterVersion was restored, but $manifest is missing" }
    $manifest
}

function Build-Emulator {
    Invoke-Dotnet @('build', (Join-Path $RepoRoot 'tools/ComputeEmulator'), '-c', $Configuration, '--nologo', '-v', 'q')
}

function Invoke-Test {
    Write-Step "Test ($Backend)"
    Assert-Layout
    $pester = Get-PesterManifest
    if ($Backend -eq 'emulator') { Build-Emulator }
    $null = New-Item -ItemType Directory -Force -Path $TestResultsDir
    $xml = Join-Path $TestResultsDir "pester-$Backend.xml"
    $runner = Join-Path $RepoRoot 'tests/Pester/Invoke-Suite.ps1'
    Invoke-ChildPwsh -File $runner -Arguments @('-PesterPath', $pester, '-ModulePath', $LayoutManifest, '-Backend', $Backend, '-OutputPath', $xml, '-Verbosity', $Verbosity) `
        -Environment @{ COMPUTE_EMULATOR_CONFIGURATION = $Configuration }
    $code = $LASTEXITCODE
    Write-Host "Pester results: $xml"
    if ($code -ne 0) { throw "Pester reported failures on $Backend (exit code $code)" }
}

function Invoke-Package {
    Write-Step "Package -> $RepositoryDir"
    Assert-Layout
    $null = New-Item -ItemType Directory -Force -Path $RepositoryDir
    Get-ChildItem -Path $RepositoryDir -Filter "$ModuleName.$Version.nupkg" | Remove-Item -Force
    # PSResourceGet keeps its repositories in the user's data folder: a child process whose data folder is a
    # throw-away one registers the file repository there, so the user's own store is never touched.
    # (It must exist: .NET answers '' for a data folder that does not, and PSResourceGet then writes to '.'.)
    $store = Join-Path ([System.IO.Path]::GetTempPath()) "ComputeModule-psresource-$PID"
    $null = New-Item -ItemType Directory -Force -Path $store
    $script = Join-Path $OutRoot 'publish-module.ps1'
    Set-Content -Path $script -Encoding UTF8 -Value @'
param([string]$Path, [string]$Repository)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name ComputeModuleLocal -Uri $Repository -Trusted
try {
    Publish-PSResource -Path $Path -Repository ComputeModuleLocal
}
finally {
    Unregister-PSResourceRepository -Name ComputeModuleLocal
}
'@
    try {
        Invoke-ChildPwsh -File $script -Arguments @('-Path', $LayoutDir, '-Repository', $RepositoryDir) `
            -Environment @{ XDG_DATA_HOME = $store; LOCALAPPDATA = $store }
        $code = $LASTEXITCODE
    }
    finally {
        Remove-Item -Recurse -Force -Path $store, $script -ErrorAction SilentlyContinue
    }
    $nupkg = Join-Path $RepositoryDir "$ModuleName.$Version.nupkg"
    if ($code -ne 0 -or -not (Test-Path $nupkg)) { throw "Publish-PSResource did not write $nupkg (exit code $code)" }
    Write-Host "Published $nupkg. To install: Register-PSResourceRepository -Name local -Uri $RepositoryDir -Trusted; Install-PSResource $ModuleName -Repository local"
}

function Start-TourEmulator {
    # An emulator with quick builds and snapshots, so -Wait takes seconds; it stops with this process.
    # The build's output goes to the host: this function's output is the emulator object alone.
    Build-Emulator | Out-Host
    Start-ComputeEmulator -Configuration $Configuration -ArgumentList '--build-delay', '300ms', '--snapshot-duration', '2s'
}

function Get-TourEnvironment($Emulator) {
    # The OS_* variables an openrc file would set, and PSModulePath so that the module imports by name.
    $environment = @{}
    $cloud = Get-ComputeEmulatorEnvironment -Url $Emulator.Url
    foreach ($name in $cloud.Keys) { $environment[$name] = $cloud[$name] }
    $environment.PSModulePath = $OutRoot + [System.IO.Path]::PathSeparator + $env:PSModulePath
    $environment
}

function Invoke-Tour {
    Write-Step 'Tour'
    Invoke-Build
    Invoke-Layout
    $emulator = Start-TourEmulator
    try {
        Invoke-ChildPwsh -File (Join-Path $RepoRoot 'tools/Tour/Tour.ps1') -Environment (Get-TourEnvironment $emulator)
        $code = $LASTEXITCODE
    }
    finally {
        Stop-ComputeEmulator -Emulator $emulator -Confirm:$false
    }
    if ($code -ne 0) { throw "the tour reported failures (exit code $code)" }
}

function Invoke-Shell {
    Write-Step 'Shell'
    Invoke-Build
    Invoke-Layout
    $emulator = Start-TourEmulator
    try {
        Write-Host "Emulator at $($emulator.Url); it stops when this shell exits." -ForegroundColor Cyan
        Invoke-ChildPwsh -Interactive -File (Join-Path $RepoRoot 'tools/Tour/Shell.ps1') -Environment (Get-TourEnvironment $emulator)
    }
    finally {
        Stop-ComputeEmulator -Emulator $emulator -Confirm:$false
    }
}

$known = 'Clean', 'Build', 'Layout', 'Docs', 'Test', 'Package', 'Tour', 'Shell', 'All'
$Task = @($Task | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
foreach ($t in $Task) { if ($known -notcontains $t) { throw "Unknown task '$t'. Tasks: $($known -join ', ')." } }
if ($Task -contains 'All') { $Task = 'Clean', 'Build', 'Layout', 'Docs', 'Test', 'Package' }
foreach ($t in $Task) {
    switch ($t) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        'Layout' { Invoke-Layout }
        'Docs' { Invoke-Docs }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Tour' { Invoke-Tour }
        'Shell' { Invoke-Shell }
    }
}
