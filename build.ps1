#requires -Version 5.1
<#
.SYNOPSIS
    Builds, lays out, documents, tests and packages ComputeModule.
.DESCRIPTION
    Tasks (run in the order given; All = Clean, Build, Layout, Docs, Test, Package):
      Clean    dotnet clean of the solution, and out/ removed.
      Build    dotnet publish src/ComputeModule -c <Configuration> to out/publish/.
      Layout   the module folder out/ComputeModule/<version>/: manifest (version stamped from
               Directory.Build.props ComputeModuleVersion), dlls, format file, help.
      Docs     docs/cmdlets/*.md -> out/ComputeModule/<version>/en-US/ComputeModule.dll-Help.xml, with PlatyPS's
               New-ExternalHelp when PlatyPS is installed, else with tools/HelpBuilder.
      Test     with Pester 5 installed: starts the emulator and runs Invoke-Pester tests/Pester against the laid-out
               module (in a child process, so the module's dlls are not locked in this session);
               without Pester: dotnet test of the solution (which runs tests/Pester through the hosted runner).
      Package  out/package/: the Publish-Module-ready folder and ComputeModule.<version>.nupkg.
    Works in PowerShell 7 and Windows PowerShell 5.1; needs the .NET 10 SDK on PATH.
.EXAMPLE
    ./build.ps1 -Task Build, Layout
    Import-Module ./out/ComputeModule/0.1.0/ComputeModule.psd1
.EXAMPLE
    ./build.ps1 -Task All -Configuration Debug
#>
[CmdletBinding()]
param(
    [ValidateSet('Clean', 'Build', 'Layout', 'Docs', 'Test', 'Package', 'All')]
    [string[]]$Task = 'Build',

    [string]$Configuration = 'Release'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$RepoRoot = $PSScriptRoot
$OutRoot = Join-Path $RepoRoot 'out'
$PublishDir = Join-Path $OutRoot 'publish'
$ModuleName = 'ComputeModule'

function Get-ModuleVersion {
    # The version lives in Directory.Build.props and nowhere else.
    $props = [xml](Get-Content -Raw -Path (Join-Path $RepoRoot 'Directory.Build.props'))
    foreach ($group in $props.Project.PropertyGroup) {
        $node = $group.SelectSingleNode('ComputeModuleVersion')
        if ($node -and $node.InnerText.Trim()) { return $node.InnerText.Trim() }
    }
    throw 'ComputeModuleVersion is not set in Directory.Build.props'
}

$Version = Get-ModuleVersion
$LayoutDir = Join-Path (Join-Path $OutRoot $ModuleName) $Version
$PackageDir = Join-Path $OutRoot 'package'

function Invoke-Dotnet([string[]]$Arguments) {
    # One array argument, not $args: a bare -- or -c would be taken by PowerShell's own parameter binding.
    Write-Host "dotnet $($Arguments -join ' ')" -ForegroundColor DarkGray
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE" }
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
    # The module's build also writes the help (src/ComputeModule/Help.targets runs tools/HelpBuilder).
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

    $manifest = Join-Path $LayoutDir "$ModuleName.psd1"
    if (-not (Test-Path $manifest)) { Copy-Item (Join-Path $RepoRoot "$ModuleName.psd1") $manifest }
    $text = Get-Content -Raw -Path $manifest
    $text = [regex]::Replace($text, "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", "`${1}'$Version'")
    [System.IO.File]::WriteAllText($manifest, $text, [System.Text.UTF8Encoding]::new($false))
    foreach ($required in "$ModuleName.dll", "$ModuleName.psd1", "$ModuleName.Format.ps1xml") {
        if (-not (Test-Path (Join-Path $LayoutDir $required))) { throw "Layout is missing $required" }
    }
    Write-Host "Import-Module $manifest"
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

function Invoke-Test {
    Write-Step 'Test'
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } |
        Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Host 'Pester 5 is not installed: dotnet test (the hosted runner runs tests/Pester)'
        Invoke-Dotnet @('test', (Join-Path $RepoRoot 'ComputeModule.sln'), '-c', $Configuration, '--nologo')
        return
    }
    if (-not (Test-Path (Join-Path $LayoutDir "$ModuleName.psd1"))) { Invoke-Layout }

    # A child process: the module's dlls stay unlocked here, and the emulator is stopped with it.
    $runner = Join-Path $OutRoot 'run-pester.ps1'
    $script = @'
param([string]$RepoRoot, [string]$ModulePath, [string]$PesterPath)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
Import-Module (Join-Path $RepoRoot 'tests/Pester/TestHelpers.psm1') -Force
$env:COMPUTE_TEST_BACKEND = 'emulator'
$env:COMPUTE_MODULE_PATH = $ModulePath
$url = Start-TestEmulator
Write-Host "Emulator at $url"
try {
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $RepoRoot 'tests/Pester'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $config
    "$($result.PassedCount) passed, $($result.FailedCount) failed"
    exit ([int]($result.FailedCount -gt 0))
}
finally {
    Stop-TestEmulator
}
'@
    $null = New-Item -ItemType Directory -Force -Path $OutRoot
    Set-Content -Path $runner -Value $script -Encoding UTF8
    $exe = (Get-Process -Id $PID).Path
    & $exe -NoProfile -NonInteractive -File $runner -RepoRoot $RepoRoot -ModulePath (Join-Path $LayoutDir "$ModuleName.psd1") -PesterPath $pester.Path
    if ($LASTEXITCODE -ne 0) { throw "Pester reported failures (exit code $LASTEXITCODE)" }
}

function Invoke-Package {
    Write-Step "Package -> $PackageDir"
    if (-not (Test-Path (Join-Path $LayoutDir "$ModuleName.psd1"))) { Invoke-Layout }
    if (Test-Path $PackageDir) { Remove-Item -Recurse -Force $PackageDir }
    # Publish-Module wants a folder named like the module: out/package/ComputeModule.
    $folder = Join-Path $PackageDir $ModuleName
    $null = New-Item -ItemType Directory -Force -Path $folder
    Copy-Item -Path (Join-Path $LayoutDir '*') -Destination $folder -Recurse
    $nupkg = Join-Path $PackageDir "$ModuleName.$Version.nupkg"

    $published = $false
    if (Get-Command -Name Publish-Module, Register-PSRepository -ErrorAction SilentlyContinue) {
        # A throw-away file repository turns the folder into the same nupkg the Gallery would get.
        $repoName = "ComputeModuleBuild$PID"
        $repoDir = Join-Path $PackageDir 'repo'
        $null = New-Item -ItemType Directory -Force -Path $repoDir
        try {
            Register-PSRepository -Name $repoName -SourceLocation $repoDir -PublishLocation $repoDir -InstallationPolicy Trusted
            try {
                Publish-Module -Path $folder -Repository $repoName -NuGetApiKey 'local' -Force
            }
            finally {
                Unregister-PSRepository -Name $repoName
            }
            Get-ChildItem $repoDir -Filter '*.nupkg' | Move-Item -Destination $nupkg -Force
            $published = Test-Path $nupkg
        }
        catch {
            Write-Warning "Publish-Module to a local repository failed ($_); writing the nupkg by hand."
        }
        if (Test-Path $repoDir) { Remove-Item -Recurse -Force $repoDir }
    }
    if (-not $published) {
        # No PowerShellGet: a nupkg is a zip with a nuspec at its root.
        $manifest = Import-PowerShellDataFile (Join-Path $folder "$ModuleName.psd1")
        $tags = @($manifest.PrivateData.PSData.Tags) -join ' '
        $nuspec = @"
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd">
  <metadata>
    <id>$ModuleName</id>
    <version>$Version</version>
    <authors>$([System.Security.SecurityElement]::Escape($manifest.Author))</authors>
    <description>$([System.Security.SecurityElement]::Escape($manifest.Description))</description>
    <tags>PSModule $([System.Security.SecurityElement]::Escape($tags))</tags>
  </metadata>
</package>
"@
        $staging = Join-Path $PackageDir 'staging'
        Copy-Item -Path $folder -Destination $staging -Recurse
        Set-Content -Path (Join-Path $staging "$ModuleName.nuspec") -Value $nuspec -Encoding UTF8
        $zip = Join-Path $PackageDir "$ModuleName.$Version.zip"
        Compress-Archive -Path (Join-Path $staging '*') -DestinationPath $zip -Force
        Move-Item -Path $zip -Destination $nupkg -Force
        Remove-Item -Recurse -Force $staging
    }
    Write-Host "Publish-Module -Path $folder   (or push $nupkg)"
}

if ($Task -contains 'All') { $Task = 'Clean', 'Build', 'Layout', 'Docs', 'Test', 'Package' }
foreach ($t in $Task) {
    switch ($t) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        'Layout' { Invoke-Layout }
        'Docs' { Invoke-Docs }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
    }
}
