# Fixture for the runner's self-tests (not part of the acceptance suite): scoping, failures, skips.
BeforeAll {
    $rootValue = 'root'
}

Describe 'Basics' {
    BeforeAll {
        $shared = 41
        [Environment]::SetEnvironmentVariable('PESTERSHIM_FIXTURE_AFTERALL', $null)
    }

    BeforeEach {
        $perTest = $shared + 1
    }

    It 'passes' {
        $shared | Should -Be 41
        $perTest | Should -Be 42
        $rootValue | Should -Be 'root'
        $PSScriptRoot | Should -Not -BeNullOrEmpty
    }

    It 'fails on purpose' {
        1 | Should -Be 2
    }

    It 'throws on purpose' {
        throw 'boom from the fixture'
    }

    It 'is skipped' -Skip {
        throw 'a skipped It must not run'
    }

    Context 'tagged' -Tag 'Excluded' {
        BeforeAll {
            throw 'BeforeAll of an excluded block must not run'
        }

        It 'is excluded by tag' {
            throw 'an excluded It must not run'
        }
    }

    Context 'scope' {
        It 'sets a variable' {
            $leak = 'from another It'
            $shared = 'changed in an It'
        }

        It 'does not see the other Its variables' {
            $leak | Should -BeNullOrEmpty
            $shared | Should -Be 41
        }
    }

    AfterEach {
        $perTest = $null
    }

    AfterAll {
        [Environment]::SetEnvironmentVariable('PESTERSHIM_FIXTURE_AFTERALL', "ran with shared=$shared")
    }
}
