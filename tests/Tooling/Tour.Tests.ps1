# The README's first command and its interactive sibling: build.ps1 -Task Tour and -Task Shell, run in a child
# process of the same pwsh as a user runs them, and the processes they start: none may be left afterwards,
# not even when the tour is killed halfway. Run by Invoke-Suite.ps1 -Backend none (they start their own
# emulators); each builds and lays out the module, so they take a while.

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', 'Pester', 'TestHelpers.psm1')) -Force
    $repoRoot = Get-TestRepoRoot
    $buildScript = [System.IO.Path]::Combine($repoRoot, 'build.ps1')

    function Get-TourProcess {
        # Ids of the processes that the build.ps1 process -Owner started and that may outlive it: emulators
        # (started with --parent-pid <owner>) and its child pwsh running the tour's scripts. Other runs'
        # emulators on the same machine do not count.
        param([int] $Owner)
        if (Get-Command -Name pgrep -CommandType Application -ErrorAction SilentlyContinue) {
            $emulators = @(& pgrep -f "ComputeEmulator\.dll.*--parent-pid $Owner( |$)")
            $children = @(& pgrep -P $Owner -f 'Tour[/\\](Tour|Shell)\.ps1')
            @($emulators + $children | Where-Object { $_ } | ForEach-Object { [int] $_ })
        }
        else {
            @(Get-CimInstance -ClassName Win32_Process | Where-Object {
                    $_.CommandLine -match "ComputeEmulator\.dll.*--parent-pid $Owner( |$)" -or
                    ($_.ParentProcessId -eq $Owner -and $_.CommandLine -match 'Tour[/\\](Tour|Shell)\.ps1')
                } | ForEach-Object { [int] $_.ProcessId })
        }
    }

    function Start-BuildTask {
        # build.ps1 -Task <Task> in a child of this same pwsh; stdin and stdout redirected.
        param([string] $Task)
        $info = New-TestPwshStartInfo -ArgumentList '-NoProfile', '-File', $buildScript, '-Task', $Task
        $info.WorkingDirectory = $repoRoot
        $info.RedirectStandardInput = $true
        foreach ($name in @($info.Environment.Keys)) { if ($name -like 'OS_*' -or $name -like 'COMPUTE_*') { $null = $info.Environment.Remove($name) } }
        $info.Environment['NO_COLOR'] = '1'
        [System.Diagnostics.Process]::Start($info)
    }

    function Wait-BuildTask {
        param($Process, [int] $TimeoutSeconds = 300)
        $output = $Process.StandardOutput.ReadToEndAsync()
        $errors = $Process.StandardError.ReadToEndAsync()
        if (-not $Process.WaitForExit($TimeoutSeconds * 1000)) { $Process.Kill(); throw "build.ps1 did not finish within $TimeoutSeconds s" }
        $Process.WaitForExit()
        [pscustomobject] @{ ExitCode = $Process.ExitCode; Output = $output.Result; Errors = $errors.Result }
    }

}

Describe 'build.ps1 -Task Tour' {
    It 'runs the narrated tour in real pwsh and exits 0' {
        $process = Start-BuildTask 'Tour'
        $script:tourPid = $process.Id
        $run = Wait-BuildTask $process
        $run.ExitCode | Should -Be 0 -Because "the tour's output was:`n$($run.Output)`n$($run.Errors)"
        $run.Output | Should -Match 'Connect-ComputeService'
        $run.Output | Should -Match 'web01'
        $run.Output | Should -Match 'What if:'
    }

    It 'leaves no emulator or tour process running' {
        Get-TourProcess -Owner $script:tourPid | Should -BeNullOrEmpty
    }

    It 'leaves nothing running when it is killed halfway' {
        $process = Start-BuildTask 'Tour'
        try {
            $started = Wait-TestCondition -TimeoutSeconds 240 -IntervalMilliseconds 200 -Condition {
                @(Get-TourProcess -Owner $process.Id).Count -ge 2
            }
            $started | Should -BeTrue -Because 'the tour starts an emulator and a pwsh for Tour.ps1'
            $tracked = @(Get-TourProcess -Owner $process.Id)
            $process.Kill()
        }
        finally {
            if (-not $process.HasExited) { $process.Kill() }
        }
        # The kill reaches build.ps1's own process only: the emulator and the tour's pwsh must notice and end.
        $alive = { @($tracked | Where-Object { Get-Process -Id $_ -ErrorAction SilentlyContinue }) }
        Wait-TestCondition -TimeoutSeconds 60 -Condition { (& $alive).Count -eq 0 } |
            Should -BeTrue -Because "left running: $((& $alive) -join ', ')"
    }
}

Describe 'build.ps1 -Task Shell' {
    It 'opens a pwsh with the module connected to an emulator, which stops when the shell exits' {
        $process = Start-BuildTask 'Shell'
        $process.StandardInput.WriteLine('(Get-ComputeServer -All | Measure-Object).Count | ForEach-Object { "servers: $_" }')
        $process.StandardInput.WriteLine('(Get-ComputeConnection).AuthUrl | ForEach-Object { "auth: $_" }')
        $process.StandardInput.WriteLine('exit')
        $process.StandardInput.Close()
        $owner = $process.Id
        $run = Wait-BuildTask $process
        $run.ExitCode | Should -Be 0 -Because "the shell's output was:`n$($run.Output)`n$($run.Errors)"
        $run.Output | Should -Match 'servers: [1-9]'
        $run.Output | Should -Match 'auth: http://127\.0\.0\.1:\d+/'
        Get-TourProcess -Owner $owner | Should -BeNullOrEmpty
    }
}
