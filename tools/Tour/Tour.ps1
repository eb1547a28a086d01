#requires -Version 5.1
<#
.SYNOPSIS
    A narrated tour of ComputeModule against the cloud of the OS_* variables (normally the emulator).
.DESCRIPTION
    Run it with `dotnet pwsh ./build.ps1 -Task Tour`, which builds and lays out the module, starts an
    emulator and runs this script in a fresh pwsh whose OS_* variables point at that emulator and whose
    PSModulePath starts with out/, so that `Import-Module ComputeModule` finds the laid-out module.

    First it creates web01..web15 and db01..db10 through the plain Keystone v3 and Nova APIs
    (TourCloud.ps1). Then each step below prints its narration, then each command as it would be typed,
    then runs it: the output goes through Out-Host, so it is rendered by the module's format views (and
    by Format-Table, Group-Object and Get-Help) exactly as at a pwsh prompt.

    A step marked ExpectError is there to show an error: the tour counts it as a failure when the error
    does not come, and any other step fails when it writes an error. The exit code is 1 when any step
    did not go as expected, else 0 (3 when the process that started the tour, build.ps1, ended meanwhile:
    its emulator ends with it, so the tour stops too).
#>
[CmdletBinding()]
param(
    # Servers to create: webNN and dbNN.
    [int]$WebCount = 15,
    [int]$DbCount = 10
)

$ErrorActionPreference = 'Stop'
$tourClock = [System.Diagnostics.Stopwatch]::StartNew()

# Without a terminal (a build log, a pipe) there is no window to measure and ANSI escapes would be noise:
# plain text, COLUMNS (or 120) columns wide.
$tourWidth = 0
if ([Console]::IsOutputRedirected) {
    $tourWidth = 120
    if ($env:COLUMNS -match '^\d+$' -and [int]$env:COLUMNS -ge 60) { $tourWidth = [int]$env:COLUMNS }
}
if (($tourWidth -or $env:NO_COLOR) -and (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue)) {
    $PSStyle.OutputRendering = 'PlainText'
}

function Write-Narration([string]$Text) {
    Write-Host ''
    foreach ($line in $Text -split "`n") { Write-Host "# $($line.TrimEnd())" -ForegroundColor Cyan }
}

function Write-Command([scriptblock]$Command) {
    # The command as it would be typed at the prompt (continuation lines get >>).
    $lines = @($Command.ToString().Trim() -split "`r?`n")
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $prompt = if ($i -eq 0) { 'PS> ' } else { '>> ' }
        Write-Host $prompt -ForegroundColor Green -NoNewline
        Write-Host $lines[$i].Trim()
    }
}

# --- the cloud ------------------------------------------------------------------------------------------------

. (Join-Path $PSScriptRoot 'TourCloud.ps1')
$tourParent = Get-TourParentProcess
Write-Host "Creating $WebCount web and $DbCount db servers through the Nova API of $env:OS_AUTH_URL ..." -ForegroundColor DarkGray
$null = Initialize-TourCloud -WebCount $WebCount -DbCount $DbCount
Import-Module ComputeModule

# --- the steps ------------------------------------------------------------------------------------------------
# Say: the narration. Run: the commands, one script block per prompt; they run in this script's scope, so a
# variable set by one step ($images) is there for the next.

$steps = @(
    @{
        Say = "The OS_* variables point at the emulator, as an openrc file would set them. With no arguments,`n" +
              "Connect-ComputeService reads them (Keystone v3 here) and becomes the session's current connection."
        Run = { Connect-ComputeService }
    }
    @{
        Say = "Get-ComputeServer lists servers, formatted by the module's table view. Nova matches -Name as a`n" +
              "regular expression, on the server side."
        Run = { Get-ComputeServer -Name '^web' }
    }
    @{
        Say = "-Limit sets the page size (-All would follow every page); -Verbose shows each request. Tokens never appear."
        Run = { Get-ComputeServer -Name '^db' -Limit 3 -Verbose }
    }
    @{
        Say = "Servers stream down the pipeline page by page. When Select-Object has what it needs it stops the`n" +
              "pipeline, and Get-ComputeServer asks for no further page: one request for -First 3, not five."
        Run = { Get-ComputeServer -All -Limit 5 -Verbose | Select-Object -First 3 }
    }
    @{
        Say = "They are objects, so the rest of PowerShell works on them: group, sort, pick the columns."
        Run = { Get-ComputeServer -All | Group-Object Status -NoElement },
              { Get-ComputeServer -All | Group-Object { $_.Metadata['role'] } -NoElement },
              { Get-ComputeServer -All | Sort-Object Name -Descending | Select-Object -First 4 | Format-Table Name, Status, FlavorId, Created }
    }
    @{
        Say = "New-ComputeImage snapshots each piped server. -Name is a script block evaluated per server;`n" +
              "-Wait returns each image once it is ACTIVE."
        Run = { $images = Get-ComputeServer -Name '^web0[1-3]$' | New-ComputeImage -Name { "$($_.Name)-nightly" } -Wait },
              { $images }
    }
    @{
        Say = "Set-ComputeImageMetadata merges keys into each image's metadata; Get-ComputeImageMetadata reads keys back."
        Run = { $images | Set-ComputeImageMetadata -Metadata @{ owner = 'ops'; purpose = 'nightly' } },
              { $images | Get-ComputeImageMetadata -Key owner, purpose }
    }
    @{
        Say = "With -Replace the given keys become the whole set; -PassThru shows the result."
        Run = { Set-ComputeImageMetadata -ImageId $images[0].Id -Metadata @{ owner = 'platform' } -Replace -PassThru }
    }
    @{
        Say = "Metadata is checked before anything is sent: a value longer than 255 characters is refused (this error is expected)."
        Run = { Set-ComputeImageMetadata -ImageId $images[0].Id -Metadata @{ note = 'x' * 300 } }
        ExpectError = $true
    }
    @{
        Say = "Enable-ComputeImageSchedule has the cloud take images for you: daily, keeping 7, for every db server..."
        Run = { Get-ComputeServer -Name '^db' | Enable-ComputeImageSchedule -Retention 7 }
    }
    @{
        Say = "...or weekly, on a given day. Get-ComputeImageSchedule shows a server's schedule."
        Run = { $null = Get-ComputeServer -Name '^web01$' | Enable-ComputeImageSchedule -DayOfWeek Sunday -Retention 4 },
              { Get-ComputeServer -Name '^web01$' | Get-ComputeImageSchedule }
    }
    @{
        Say = "Every state-changing cmdlet supports -WhatIf (and -Confirm): nothing is sent."
        Run = { $images | Remove-ComputeImage -WhatIf }
    }
    @{
        Say = "Help comes from docs/cmdlets, built into en-US/ComputeModule.dll-Help.xml: one parameter, or the examples."
        Run = { Get-Help Set-ComputeImageMetadata -Parameter Replace },
              { Get-Help Get-ComputeServer -Examples }
    }
)

# --- the run --------------------------------------------------------------------------------------------------

Write-Narration ("ComputeModule tour. An emulator of an OpenStack Nova cloud runs at $env:COMPUTE_EMULATOR_URL`n" +
                 "with $WebCount web and $DbCount db servers. Each step prints the command, then its output.")

# Steps run as they would at a prompt: an error is shown and the next command still runs.
$ErrorActionPreference = 'Continue'
$tourUnexpected = 0
function Stop-TourWhenOrphaned {
    # build.ps1 was stopped (Ctrl+C, killed): its emulator went with it, and so does the tour.
    if (Test-TourParentGone $tourParent) {
        Write-Host "The process that started the tour (process $($tourParent.Id)) has ended, and its emulator with it: the tour stops." -ForegroundColor Red
        exit 3
    }
}

foreach ($tourStep in $steps) {
    Stop-TourWhenOrphaned
    Write-Narration $tourStep.Say
    $tourExpectError = [bool]$tourStep['ExpectError']
    $tourFailed = $false
    foreach ($tourCommand in @($tourStep.Run)) {
        Write-Command $tourCommand
        $Error.Clear()
        try {
            # Compiled from its text, as if typed (errors then point at the command, not at this file), and
            # dot-sourced, so that its variables stay in this scope for later steps.
            $tourBlock = [scriptblock]::Create($tourCommand.ToString())
            if ($tourWidth) { . $tourBlock | Out-String -Stream -Width $tourWidth | Out-Host }
            else { . $tourBlock | Out-Host }
        }
        catch {
            # A terminating error: shown as the prompt would show it.
            $_ | Out-Host
        }
        # Non-terminating errors were shown as they came; $Error has every error of the command.
        if ($Error.Count -gt 0) { $tourFailed = $true }
    }
    if ($tourFailed -ne $tourExpectError) {
        Stop-TourWhenOrphaned
        $tourUnexpected++
        $what = if ($tourExpectError) { 'this step should have written an error and did not' } else { 'this step wrote an error it should not have' }
        Write-Host "!! Unexpected: $what." -ForegroundColor Red
    }
}

$seconds = [math]::Round($tourClock.Elapsed.TotalSeconds, 1)
if ($tourUnexpected -eq 0) {
    Write-Narration ("Done in $seconds s. Try your own commands in a shell connected to a fresh emulator:`n" +
                     "  dotnet pwsh ./build.ps1 -Task Shell")
    exit 0
}
Write-Host ''
Write-Host "Done in $seconds s, but $tourUnexpected step(s) did not go as expected (see '!! Unexpected' above)." -ForegroundColor Red
exit 1
