# Fixture for the runner's self-tests: a failing BeforeAll fails every It below it, AfterAll still runs.
Describe 'Broken setup' {
    BeforeAll {
        [Environment]::SetEnvironmentVariable('PESTERSHIM_FIXTURE_BROKEN_AFTERALL', $null)
        throw 'setup exploded'
    }

    It 'first' {
        $true | Should -BeTrue
    }

    Context 'nested' {
        It 'second' {
            $true | Should -BeTrue
        }
    }

    AfterAll {
        [Environment]::SetEnvironmentVariable('PESTERSHIM_FIXTURE_BROKEN_AFTERALL', 'ran')
    }
}

Describe 'Healthy neighbour' {
    It 'still passes' {
        1 | Should -Be 1
    }
}
