# The module as users install it: build.ps1 -Task Package publishes it with Publish-PSResource to the file
# repository out/repository; here it is installed from there with Install-PSResource, in a throw-away
# PSResourceGet store and module path (HOME of the child processes is in $TestDrive), and used by name in
# fresh pwsh processes. Needs build.ps1 -Task Layout, Package first (COMPUTE_PACKAGE_REPOSITORY overrides
# the folder). Run by Invoke-Suite.ps1 -Backend none.

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', 'Pester', 'TestHelpers.psm1')) -Force
    $repoRoot = Get-TestRepoRoot
    $repository = $env:COMPUTE_PACKAGE_REPOSITORY
    if (-not $repository) { $repository = [System.IO.Path]::Combine($repoRoot, 'out', 'repository') }
    $sourceManifest = Import-PowerShellDataFile -Path ([System.IO.Path]::Combine($repoRoot, 'ComputeModule.psd1'))
    $cleanHome = Join-Path $TestDrive 'home'
    # With the data folder in place: .NET answers '' for one that does not exist, and PSResourceGet would then
    # keep its store in the current directory.
    $null = New-Item -ItemType Directory -Path ([System.IO.Path]::Combine($cleanHome, '.local', 'share')) -Force
    $cleanStore = [System.IO.Path]::Combine($cleanHome, '.local', 'share', 'PSResourceGet', 'PSResourceRepository.xml')
    $userStore = [System.IO.Path]::Combine([Environment]::GetFolderPath('LocalApplicationData'), 'PSResourceGet', 'PSResourceRepository.xml')
    $userStoreHash = if (Test-Path -LiteralPath $userStore) { (Get-FileHash -LiteralPath $userStore).Hash } else { $null }

    function Invoke-CleanPwsh {
        # Runs -Script in a new pwsh whose HOME is the throw-away one and whose module path is pwsh's default
        # for it (no inherited PSModulePath, XDG_* or OS_* variables); returns the parsed JSON it writes last.
        param([string] $Script, [hashtable] $Environment = @{})
        $info = New-TestPwshStartInfo -Command ('$ErrorActionPreference = "Stop"; $ProgressPreference = "SilentlyContinue"; ' + $Script)
        foreach ($name in @($info.Environment.Keys)) {
            if ($name -like 'OS_*' -or $name -like 'XDG_*' -or $name -eq 'PSModulePath' -or $name -like 'COMPUTE_*') { $null = $info.Environment.Remove($name) }
        }
        $info.Environment['HOME'] = $cleanHome
        $info.Environment['USERPROFILE'] = $cleanHome
        $info.Environment['DOTNET_CLI_HOME'] = $cleanHome
        $info.Environment['DOTNET_NOLOGO'] = '1'
        foreach ($name in $Environment.Keys) { $info.Environment[$name] = [string] $Environment[$name] }
        $process = [System.Diagnostics.Process]::Start($info)
        $errors = $process.StandardError.ReadToEndAsync()
        $output = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        $code = $process.ExitCode
        $process.Dispose()
        if ($code -ne 0) { throw "pwsh exited with $code.`nstdout: $output`nstderr: $($errors.Result)" }
        $lines = @($output -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[-1] | ConvertFrom-Json
    }

    $register = "Register-PSResourceRepository -Name ComputeModuleLocal -Uri '$repository' -Trusted -Force; "
}

Describe 'ComputeModule from a PSResourceGet repository' {
    It 'the repository holds the nupkg of this version' {
        $nupkg = Join-Path $repository "ComputeModule.$($sourceManifest.ModuleVersion).nupkg"
        Test-Path -LiteralPath $nupkg -PathType Leaf | Should -BeTrue -Because "build.ps1 -Task Package writes $nupkg"
    }

    It 'installs with Install-PSResource into the clean module path' {
        $installed = Invoke-CleanPwsh ($register + @'
Install-PSResource -Name ComputeModule -Repository ComputeModuleLocal -Scope CurrentUser -TrustRepository -Quiet
$r = Get-InstalledPSResource -Name ComputeModule
[pscustomobject] @{ Version = [string] $r.Version; Location = $r.InstalledLocation; Repository = $r.Repository } | ConvertTo-Json -Compress
'@)
        $installed.Version | Should -Be $sourceManifest.ModuleVersion
        $installed.Repository | Should -Be 'ComputeModuleLocal'
        Test-Path -LiteralPath $cleanStore | Should -BeTrue -Because 'the repository is registered in the throw-away store'
        $installed.Location | Should -BeLike "$cleanHome*"
        Test-Path -LiteralPath (Join-Path $installed.Location 'ComputeModule') | Should -BeTrue
    }

    It 'imports by name in a fresh pwsh, with every cmdlet of the manifest and a valid manifest' {
        $loaded = Invoke-CleanPwsh @'
Import-Module ComputeModule
$m = Get-Module ComputeModule
$t = Test-ModuleManifest -Path (Join-Path $m.ModuleBase 'ComputeModule.psd1')
[pscustomobject] @{
    Base = $m.ModuleBase; Version = [string] $m.Version; Tested = [string] $t.Version
    Commands = @(Get-Command -Module ComputeModule | ForEach-Object Name)
    Description = $t.Description; Tags = @($t.Tags); ReleaseNotes = $t.ReleaseNotes; Author = $t.Author
    ProjectUri = [string] $t.ProjectUri; LicenseUri = [string] $t.LicenseUri
} | ConvertTo-Json -Compress
'@
        $loaded.Base | Should -BeLike "$cleanHome*"
        $loaded.Version | Should -Be $sourceManifest.ModuleVersion
        $loaded.Tested | Should -Be $sourceManifest.ModuleVersion
        @($loaded.Commands | Sort-Object) | Should -Be @($sourceManifest.CmdletsToExport | Sort-Object)
        $loaded.Description | Should -Not -BeNullOrEmpty
        $loaded.Author | Should -Not -BeNullOrEmpty
        $loaded.ReleaseNotes | Should -Not -BeNullOrEmpty
        $loaded.Tags | Should -Contain 'OpenStack'
        $loaded.Tags | Should -Contain 'PSCommand_Get-ComputeServer'
        foreach ($uri in $loaded.ProjectUri, $loaded.LicenseUri) {
            if ($uri) { ([uri] $uri).IsAbsoluteUri | Should -BeTrue }
        }
    }

    It 'has help with examples: Get-Help Get-ComputeServer -Examples' {
        $help = Invoke-CleanPwsh @'
Import-Module ComputeModule
$h = Get-Help Get-ComputeServer -Examples
[pscustomobject] @{ Name = $h.Name; Examples = @($h.examples.example).Count; Code = @($h.examples.example)[0].code } | ConvertTo-Json -Compress
'@
        $help.Name | Should -Be 'Get-ComputeServer'
        $help.Examples | Should -BeGreaterThan 1
        $help.Code | Should -Match 'Get-ComputeServer'
    }

    It 'is found by Find-PSResource -CommandName Get-ComputeServer in that repository' {
        $found = Invoke-CleanPwsh ($register + @'
$f = @(Find-PSResource -CommandName Get-ComputeServer -Repository ComputeModuleLocal)
[pscustomobject] @{ Count = $f.Count; Names = @($f | ForEach-Object { $_.ParentResource.Name }); Version = [string] @($f)[0].ParentResource.Version } | ConvertTo-Json -Compress
'@)
        $found.Count | Should -Be 1
        $found.Names | Should -Be 'ComputeModule'
        $found.Version | Should -Be $sourceManifest.ModuleVersion
    }

    It 'the installed module lists servers of an emulator' {
        Import-Module ([System.IO.Path]::Combine($repoRoot, 'tools', 'ComputeEmulator', 'ComputeEmulator.psm1'))
        $emulator = Start-ComputeEmulator -ArgumentList '--seed-servers', '4'
        try {
            $cloud = Get-ComputeEmulatorEnvironment -Url $emulator.Url
            $environment = @{}
            foreach ($name in $cloud.Keys) { if ($cloud[$name]) { $environment[$name] = $cloud[$name] } }
            $listed = Invoke-CleanPwsh -Environment $environment @'
Import-Module ComputeModule
$null = Connect-ComputeService
$servers = @(Get-ComputeServer -All)
[pscustomobject] @{ Count = $servers.Count; Type = $servers[0].GetType().FullName; Base = (Get-Module ComputeModule).ModuleBase } | ConvertTo-Json -Compress
'@
        }
        finally {
            Stop-ComputeEmulator -Emulator $emulator
        }
        $listed.Count | Should -Be 4
        $listed.Type | Should -Be 'ComputeModule.Models.ComputeServer'
        $listed.Base | Should -BeLike "$cleanHome*"
    }

    It 'left the user''s own PSResourceGet store as it was' {
        $now = if (Test-Path -LiteralPath $userStore) { (Get-FileHash -LiteralPath $userStore).Hash } else { $null }
        $now | Should -Be $userStoreHash
    }
}
