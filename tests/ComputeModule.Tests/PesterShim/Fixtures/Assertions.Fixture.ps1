# Fixture for the runner's self-tests: every 'pass:' It must pass and every 'fail:' It must fail.
Describe 'Should operators' {
    It 'pass: Be' {
        'abc' | Should -Be 'ABC'
        5 | Should -Be 5
        @(1, 2, 3) | Should -Be @(1, 2, 3)
        $null | Should -Be $null
        2 | Should -Not -Be 3
    }
    It 'fail: Be' { 'abc' | Should -Be 'abd' }
    It 'fail: Be arrays' { @(1, 2) | Should -Be @(1, 2, 3) }
    It 'pass: BeExactly' { 'abc' | Should -BeExactly 'abc'; 'abc' | Should -Not -BeExactly 'ABC' }
    It 'fail: BeExactly' { 'abc' | Should -BeExactly 'ABC' }
    It 'pass: BeNullOrEmpty' {
        $null | Should -BeNullOrEmpty
        '' | Should -BeNullOrEmpty
        @() | Should -BeNullOrEmpty
        @{} | Should -BeNullOrEmpty
        'x' | Should -Not -BeNullOrEmpty
        @(1, 2) | Should -Not -BeNullOrEmpty
    }
    It 'fail: BeNullOrEmpty' { 'x' | Should -BeNullOrEmpty }
    It 'fail: Not BeNullOrEmpty' { @() | Should -Not -BeNullOrEmpty }
    It 'pass: BeTrue BeFalse' { $true | Should -BeTrue; 1 | Should -BeTrue; $false | Should -BeFalse; 0 | Should -BeFalse }
    It 'fail: BeTrue' { $false | Should -BeTrue }
    It 'fail: BeFalse' { 'yes' | Should -BeFalse }
    It 'pass: Throw' {
        { throw 'some message' } | Should -Throw
        { throw 'some message' } | Should -Throw -ExpectedMessage 'some*'
        { throw 'some message' } | Should -Throw 'some message'
        { 1 } | Should -Not -Throw
        $e = { Get-Command -Name 'No-SuchCommandAnywhere' -ErrorAction Stop } | Should -Throw -ErrorId 'CommandNotFoundException*' -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'CommandNotFoundException*'
        { [int]::Parse('x') } | Should -Throw -ExceptionType ([System.Management.Automation.MethodInvocationException])
    }
    It 'fail: Throw without exception' { { 1 } | Should -Throw }
    It 'fail: Throw message' { { throw 'abc' } | Should -Throw -ExpectedMessage 'xyz*' }
    It 'fail: Throw error id' { { throw 'abc' } | Should -Throw -ErrorId 'SomethingElse' }
    It 'fail: Not Throw' { { throw 'abc' } | Should -Not -Throw }
    It 'pass: HaveCount' {
        @(1, 2, 3) | Should -HaveCount 3
        'a' | Should -HaveCount 1
        @() | Should -HaveCount 0
        , @(1, 2) | Should -HaveCount 1
    }
    It 'fail: HaveCount' { @(1, 2) | Should -HaveCount 3 }
    It 'pass: comparisons' {
        3 | Should -BeGreaterThan 2
        2 | Should -BeLessThan 3
        3 | Should -BeGreaterOrEqual 3
        3 | Should -BeLessOrEqual 3
    }
    It 'fail: BeGreaterThan' { 2 | Should -BeGreaterThan 2 }
    It 'fail: BeLessThan' { 2 | Should -BeLessThan 2 }
    It 'fail: BeGreaterOrEqual' { 1 | Should -BeGreaterOrEqual 2 }
    It 'fail: BeLessOrEqual' { 3 | Should -BeLessOrEqual 2 }
    It 'pass: Match Like' {
        'Hello World' | Should -Match 'world$'
        'Hello World' | Should -MatchExactly 'World$'
        'Hello World' | Should -BeLike 'hello*'
        'Hello World' | Should -BeLikeExactly 'Hello*'
        'Hello' | Should -Not -Match '^x'
    }
    It 'fail: Match' { 'Hello' | Should -Match '^x' }
    It 'fail: BeLike' { 'Hello' | Should -BeLike 'x*' }
    It 'fail: MatchExactly' { 'Hello' | Should -MatchExactly 'hello' }
    It 'pass: Contain BeIn' {
        @('a', 'b') | Should -Contain 'b'
        @('a', 'b') | Should -Not -Contain 'c'
        'b' | Should -BeIn @('a', 'b')
    }
    It 'fail: Contain' { @('a', 'b') | Should -Contain 'c' }
    It 'fail: BeIn' { 'c' | Should -BeIn @('a', 'b') }
    It 'pass: BeOfType' {
        1 | Should -BeOfType ([int])
        'x' | Should -BeOfType System.String
        'x' | Should -BeOfType '[string]'
        1 | Should -Not -BeOfType ([string])
    }
    It 'fail: BeOfType' { 'x' | Should -BeOfType ([int]) }
    It 'fail: each piped item is checked' { @(1, 2, 3) | Should -BeLessThan 3 }
    It 'fail: no operator' { 1 | Should }
}
