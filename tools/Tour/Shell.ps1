#requires -Version 5.1
<#
.SYNOPSIS
    Prepares an interactive pwsh for trying ComputeModule against the emulator.
.DESCRIPTION
    Run by `dotnet pwsh ./build.ps1 -Task Shell` as `pwsh -NoExit -File tools/Tour/Shell.ps1`, with the OS_*
    variables pointing at an emulator that build.ps1 started and PSModulePath starting with out/. It creates
    a few servers (TourCloud.ps1), imports ComputeModule by name, connects from the OS_* variables and prints
    what there is to try; the prompt is then yours. The emulator stops when this shell exits.
#>
[CmdletBinding()]
param(
    [int]$WebCount = 6,
    [int]$DbCount = 4
)

# Stop on the first failure while preparing; the prompt afterwards has the usual Continue.
$ErrorActionPreference = 'Stop'
try {
    if ([Console]::IsOutputRedirected -and (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue)) {
        # Commands piped in, output to a file or a pipe: no ANSI escapes in it.
        $PSStyle.OutputRendering = 'PlainText'
    }

    . (Join-Path $PSScriptRoot 'TourCloud.ps1')
    $names = @(Initialize-TourCloud -WebCount $WebCount -DbCount $DbCount)
    Import-Module ComputeModule
    $null = Connect-ComputeService
    $module = Get-Module ComputeModule

    Write-Host ''
    Write-Host 'ComputeModule shell' -ForegroundColor Cyan
    Write-Host "  Emulator:  $env:COMPUTE_EMULATOR_URL (Keystone v3 $env:OS_AUTH_URL, user $env:OS_USERNAME, project $env:OS_PROJECT_NAME, region $env:OS_REGION_NAME)"
    Write-Host "  Module:    ComputeModule $($module.Version) from $($module.ModuleBase)"
    Write-Host "  Servers:   $($names -join ', ')"
    Write-Host '  Connected: Connect-ComputeService read the OS_* variables; Get-ComputeConnection shows the connection.'
    Write-Host ''
    Write-Host 'Try:' -ForegroundColor Cyan
    Write-Host @'
  Get-ComputeServer -Name '^web'
  Get-ComputeServer -All -Limit 2 -Verbose | Select-Object -First 3
  Get-ComputeServer -Name '^db0[12]$' | New-ComputeImage -Name { "$($_.Name)-manual" } -Wait
  Get-ComputeImage -Type Snapshot | Set-ComputeImageMetadata -Metadata @{ owner = 'me' } -PassThru
  Get-ComputeServer -Name '^web01$' | Enable-ComputeImageSchedule -Retention 3
  Get-Command -Module ComputeModule; Get-Help Get-ComputeServer -Examples
'@
    Write-Host ''
    Write-Host 'The emulator keeps its data in memory and stops when this shell exits (type exit).' -ForegroundColor Cyan

    # Should build.ps1 end first (killed), its emulator ends with it: then this shell goes too, rather than stay
    # behind connected to nothing. Checked every second while the prompt waits.
    $shellParent = Get-TourParentProcess
    if ($shellParent) {
        $shellTimer = New-Object System.Timers.Timer 1000
        $null = Register-ObjectEvent -InputObject $shellTimer -EventName Elapsed -SourceIdentifier TourShellParentWatch -MessageData $shellParent -Action {
            $parent = $Event.MessageData
            $gone = $true
            try { $parent.Refresh(); $gone = $parent.HasExited } catch { }
            if ($gone) {
                [Console]::Error.WriteLine("build.ps1 (process $($parent.Id)) has ended, and its emulator with it: this shell exits.")
                [Environment]::Exit(3)
            }
        }
        $shellTimer.Start()
    }
}
finally {
    $ErrorActionPreference = 'Continue'
}

function global:prompt {
    "[emulator] PS $($ExecutionContext.SessionState.Path.CurrentLocation)$('>' * ($NestedPromptLevel + 1)) "
}
