#requires -Version 5.1
<#
.SYNOPSIS
    Runs the acceptance suite (tests/Pester/*.Tests.ps1) with real Pester against one backend.
.DESCRIPTION
    emulator: starts one emulator for the whole run (stopped at the end, and by itself if this process
    dies), points the OS_* variables at it, and runs every test. openstack: the cloud of the OS_* variables
    already in the environment (source /var/tmp/openstack/openrc after tests/openstack/up.sh); the tests
    tagged EmulatorOnly are excluded. none: no backend, for test files that start what they need
    (tests/Tooling). Either way the caller's OS_* and COMPUTE_* variables are as they were
    afterwards, and Pester's NUnit XML goes to -OutputPath. Exit code: 0 when nothing failed.
    build.ps1 -Task Test calls this in a child process; it can also be run by hand.
.EXAMPLE
    ./tests/Pester/Invoke-Suite.ps1 -PesterPath .tools/packages/pester/5.9.1/tools/Pester.psd1 -ModulePath out/ComputeModule/0.1.0/ComputeModule.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)] [string] $PesterPath,
    [Parameter(Mandatory = $true)] [string] $ModulePath,
    [ValidateSet('emulator', 'openstack', 'none')] [string] $Backend = 'emulator',
    [string] $OutputPath,
    [string[]] $Path = @($PSScriptRoot),
    [string[]] $Tag,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')] [string] $Verbosity = 'Normal'
)

# No Set-StrictMode here: it would be inherited by every test file Pester runs from this scope.
$ErrorActionPreference = 'Stop'

Import-Module (Resolve-Path -LiteralPath $PesterPath).ProviderPath -Force
# The emulator module first: TestHelpers then shares this copy (it imports it without -Force).
Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'tools', 'ComputeEmulator', 'ComputeEmulator.psm1')) -Force
Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force

$saved = Get-TestEnvironment
$emulator = $null
$failed = 1
try {
    $env:COMPUTE_TEST_BACKEND = $Backend
    $env:COMPUTE_MODULE_PATH = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
    if ($Backend -eq 'emulator') {
        $emulator = Start-ComputeEmulator -ArgumentList '--build-delay', '300ms', '--snapshot-duration', '3s'
        Set-TestEmulatorEnvironment -Url $emulator.Url
        Write-Host "Emulator at $($emulator.Url) (process $($emulator.ProcessId))"
    }
    elseif ($Backend -eq 'none') {
        # Tests that bring their own backend (tests/Tooling: the package, the tour).
        Write-Host 'No backend: the tests start what they need'
    }
    elseif ([string]::IsNullOrWhiteSpace($env:OS_AUTH_URL)) {
        throw 'the openstack backend needs the OS_* variables of a cloud (source /var/tmp/openstack/openrc)'
    }
    else {
        Set-TestEnvironmentVariable -Name COMPUTE_EMULATOR_URL -Value $null
    }

    # `pwsh -File` passes 'a,b' as one string: split it.
    $Path = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
    # (Pester 5.9 given a path that does not exist spins instead of failing.)
    foreach ($p in $Path) { if (-not (Test-Path -LiteralPath $p)) { throw "no such test file or folder: $p" } }
    $config = New-PesterConfiguration
    $config.Run.Path = $Path
    $config.Run.PassThru = $true
    $config.Output.Verbosity = $Verbosity
    if ($Backend -eq 'openstack') { $config.Filter.ExcludeTag = @('EmulatorOnly') }
    if ($Tag) { $config.Filter.Tag = @($Tag | ForEach-Object { $_ -split ',' } | Where-Object { $_ }) }
    if ($OutputPath) {
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputFormat = 'NUnitXml'
        $config.TestResult.OutputPath = [System.IO.Path]::GetFullPath($OutputPath)
        $config.TestResult.TestSuiteName = "ComputeModule acceptance [$Backend]"
    }
    $result = Invoke-Pester -Configuration $config
    if ($null -eq $result) { throw "Invoke-Pester returned no result for $($Path -join ', ')" }
    "Pester [$Backend]: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped" +
        $(if ($result.FailedBlocksCount -or $result.FailedContainersCount) { ", $($result.FailedBlocksCount) failed blocks, $($result.FailedContainersCount) failed files" } else { '' })
    $failed = [int] ($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount -gt 0)
}
finally {
    if ($null -ne $emulator) { Stop-ComputeEmulator -Emulator $emulator -Confirm:$false }
    Restore-TestEnvironment -Saved $saved -Confirm:$false
}
exit $failed
