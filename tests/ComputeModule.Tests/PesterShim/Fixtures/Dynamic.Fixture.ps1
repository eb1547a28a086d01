# Fixture for the runner's self-tests: Its generated in a loop cannot be told apart, so they fail.
Describe 'Dynamic' {
    foreach ($n in 1, 2) {
        It "generated $n" {
            $true | Should -BeTrue
        }
    }
}
