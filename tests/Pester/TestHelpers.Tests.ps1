# The helpers the suite relies on: backends, the caller's variables left as they were, emulators that never
# outlive their run. They need no cloud, so a broken helper shows here rather than as a puzzling failure
# elsewhere.

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
}

Describe 'TestHelpers' {
    Context 'backends and the module under test' {
        It 'names the backend from COMPUTE_TEST_BACKEND' {
            $saved = $env:COMPUTE_TEST_BACKEND
            try {
                $env:COMPUTE_TEST_BACKEND = $null
                Get-TestBackend | Should -Be 'emulator'
                $env:COMPUTE_TEST_BACKEND = 'OpenStack'
                Get-TestBackend | Should -Be 'openstack'
                $env:COMPUTE_TEST_BACKEND = 'mainframe'
                { Get-TestBackend } | Should -Throw -ExpectedMessage '*emulator*openstack*'
            }
            finally {
                $env:COMPUTE_TEST_BACKEND = $saved
            }
        }

        It 'finds the module under test' {
            $path = Get-ComputeModuleUnderTestPath
            $path | Should -BeLike '*ComputeModule.psd1'
            Test-Path -LiteralPath $path -PathType Leaf | Should -BeTrue
        }
    }

    Context 'the caller''s OS_* and COMPUTE_* variables' {
        BeforeEach {
            $outer = Get-TestEnvironment
        }

        AfterEach {
            Restore-TestEnvironment -Saved $outer
        }

        It 'puts changed ones back and removes added ones' {
            $env:OS_PASSWORD = 'the-users-own-secret'
            $env:OS_CLOUD = 'prod'
            $env:OS_TOKEN = $null
            $saved = Get-TestEnvironment
            $env:OS_PASSWORD = 'demo-password'
            $env:OS_CLOUD = $null
            $env:OS_TOKEN = 'emulator-token'
            $env:COMPUTE_SOMETHING_NEW = 'x'
            Restore-TestEnvironment -Saved $saved
            $env:OS_PASSWORD | Should -BeExactly 'the-users-own-secret'
            $env:OS_CLOUD | Should -BeExactly 'prod'
            Test-Path -LiteralPath Env:OS_TOKEN | Should -BeFalse
            Test-Path -LiteralPath Env:COMPUTE_SOMETHING_NEW | Should -BeFalse
        }

        It 'Enter-/Exit-ComputeModuleTest leave a shell''s real-cloud variables as they were' -Tag 'EmulatorOnly' {
            # As a user would have them after sourcing an openrc for a real cloud, then running Invoke-Pester.
            $env:OS_AUTH_URL = 'https://identity.example.invalid/v3'
            $env:OS_PASSWORD = 'the-users-own-secret'
            $env:OS_PROJECT_ID = 'abc123'
            $env:COMPUTE_EMULATOR_URL = $null
            $env:COMPUTE_TEST_BACKEND = 'emulator'
            $before = Get-TestEnvironment
            $null = Enter-ComputeModuleTest
            try {
                $env:OS_AUTH_URL | Should -BeLike 'http://127.0.0.1:*/v3'
                $env:OS_PASSWORD | Should -BeExactly 'demo-password'
                Test-Path -LiteralPath Env:OS_PROJECT_ID | Should -BeFalse -Because 'a real cloud''s project must not mix into the emulator run'
                $url = Get-EmulatorUrl
                (Invoke-TestHttp -Method GET -Uri ($url + 'v3')).StatusCode | Should -Be 200
            }
            finally {
                Exit-ComputeModuleTest
            }
            $after = Get-TestEnvironment
            $after.Keys | Sort-Object | Should -Be ($before.Keys | Sort-Object)
            foreach ($name in $before.Keys) { $after[$name] | Should -BeExactly $before[$name] -Because $name }
            { Invoke-TestHttp -Method GET -Uri ($url + 'v3') } | Should -Throw -Because 'the emulator it started is stopped'
        }
    }

    Context 'emulators never outlive their run' -Tag 'EmulatorOnly' {
        It 'stops the emulator when the PowerShell that started it is killed' {
            $helpers = [System.IO.Path]::Combine((Get-TestRepoRoot), 'tools', 'ComputeEmulator', 'ComputeEmulator.psm1')
            $script = "Import-Module '$helpers'; `$e = Start-ComputeEmulator; [Console]::Out.WriteLine(`$e.ProcessId); [Console]::Out.Flush(); Start-Sleep -Seconds 120"
            $info = New-TestPwshStartInfo -Command $script
            $child = [System.Diagnostics.Process]::Start($info)
            try {
                $line = $child.StandardOutput.ReadLineAsync()
                $line.Wait([TimeSpan]::FromSeconds(120)) | Should -BeTrue -Because 'the child reports its emulator'
                $emulatorId = [int] $line.Result
                Get-Process -Id $emulatorId -ErrorAction SilentlyContinue | Should -Not -BeNullOrEmpty
                $child.Kill()
                Wait-TestCondition -TimeoutSeconds 15 -Condition { -not (Get-Process -Id $emulatorId -ErrorAction SilentlyContinue) } |
                    Should -BeTrue -Because "emulator process $emulatorId must end with the pwsh that started it"
            }
            finally {
                if (-not $child.HasExited) { $child.Kill() }
                $child.Dispose()
            }
        }
    }

    Context 'Wait-TestCondition' {
        It 'returns true once the condition holds and false at the time limit' {
            $state = @{ Calls = 0 }
            Wait-TestCondition -TimeoutSeconds 5 -IntervalMilliseconds 10 -Condition { $state.Calls++; $state.Calls -ge 3 } | Should -BeTrue
            $state.Calls | Should -Be 3
            Wait-TestCondition -TimeoutSeconds 1 -IntervalMilliseconds 100 -Condition { $false } | Should -BeFalse
        }
    }
}
