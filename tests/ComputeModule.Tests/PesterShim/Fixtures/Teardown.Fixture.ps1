# Fixture for the runner's self-tests: a failing AfterAll is a file-level failure; a hanging It hits the time limit.
Describe 'Broken teardown' {
    It 'passes' {
        $true | Should -BeTrue
    }

    AfterAll {
        throw 'teardown exploded'
    }
}

Describe 'Hangs' -Tag 'Hang' {
    It 'never ends' {
        while ($true) { $null = 1 }
    }

    It 'is never reached' {
        $true | Should -BeTrue
    }
}
