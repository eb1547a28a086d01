# The helpers the suite relies on: JSON without Utility cmdlets, early pipeline stop, secure strings.
# They need no cloud, so a broken helper shows here rather than as a puzzling failure elsewhere.

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force

    function Get-TestCountingSource {
        # Writes 1..100 and counts in $State.Produced how many it wrote.
        [CmdletBinding()]
        param([hashtable] $State)
        process {
            for ($i = 1; $i -le 100; $i++) {
                $State.Produced = $i
                $i
            }
        }
    }
}

Describe 'TestHelpers' {
    Context 'JSON' {
        It 'writes the control API bodies as JSON that parses back' {
            $body = [ordered] @{
                errorRate   = 1.5
                statusCodes = @(503, 429)
                pathPattern = 'servers/"x"\d+'
                methods     = @('GET')
                count       = 2
                enabled     = $true
                nothing     = $null
                nested      = @{ name = "tab`there" }
            }
            $json = ConvertTo-TestJson $body
            $json | Should -Match '^\{"errorRate":1.5,'
            $parsed = ConvertFrom-TestJson $json
            $parsed.errorRate | Should -Be 1.5
            @($parsed.statusCodes) | Should -Be @(503, 429)
            $parsed.pathPattern | Should -BeExactly 'servers/"x"\d+'
            @($parsed.methods) | Should -Be @('GET')
            $parsed.count | Should -Be 2
            $parsed.enabled | Should -BeTrue
            $parsed.nothing | Should -BeNullOrEmpty
            $parsed.nested.name | Should -BeExactly "tab`there"
        }

        It 'reads empty and nested answers' {
            (ConvertFrom-TestJson '') | Should -BeNullOrEmpty
            $parsed = ConvertFrom-TestJson '{"requests":[{"method":"GET","status":200},{"method":"POST","status":201}]}'
            @($parsed.requests) | Should -HaveCount 2
            @($parsed.requests)[1].method | Should -Be 'POST'
            @($parsed.requests)[1].status | Should -Be 201
            @((ConvertFrom-TestJson '{"requests":[]}').requests) | Should -HaveCount 0
        }
    }

    Context 'Select-TestFirst' {
        It 'returns the first items and stops the upstream command' {
            $state = @{ Produced = 0 }
            $first = @(Select-TestFirst -ScriptBlock { Get-TestCountingSource -State $state } -First 3)
            $first | Should -Be @(1, 2, 3)
            $state.Produced | Should -BeLessThan 10 -Because 'the source must not run on to 100'
        }

        It 'returns everything when there are fewer items' {
            @(Select-TestFirst -ScriptBlock { 1, 2 } -First 5) | Should -Be @(1, 2)
        }
    }

    Context 'credentials and backends' {
        It 'builds a SecureString and a credential from plain text' {
            $secure = ConvertTo-TestSecureString 'p@ss w0rd'
            $secure | Should -BeOfType ([System.Security.SecureString])
            $secure.Length | Should -Be 9
            [System.Net.NetworkCredential]::new('', $secure).Password | Should -BeExactly 'p@ss w0rd'
        }

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
            [System.IO.File]::Exists($path) | Should -BeTrue
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
