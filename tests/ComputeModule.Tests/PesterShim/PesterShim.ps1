# A Pester 5 subset for the hosted runner (PesterFileRunner). It is dot-sourced into the global scope
# of a fresh runspace, so these functions and the test file's script blocks share one session state:
# dot-sourcing a block's BeforeAll into the scope of Invoke-PesterShimBlock, and an It's BeforeEach,
# body and AfterEach into the scope of Invoke-PesterShimIt, then gives Pester's scoping rules
# (BeforeAll variables visible in the Its below, each It in its own child scope).
# Anything outside the subset throws "unsupported Pester feature: X" so that no test passes silently.
# Shim-private names start with __PesterShim to keep clear of the tests' own variables.

$global:__PesterShimState = $null

function Initialize-PesterShim {
    param($Sink, [string[]] $ExcludeTag, [hashtable] $ExcludeReason)
    $root = New-PesterShimNode -Kind 'Root' -Name '' -Parent $null -Tag @() -Skip $false -Invocation $null
    $global:__PesterShimState = @{
        Sink          = $Sink
        ExcludeTag    = @($ExcludeTag | Where-Object { $_ })
        ExcludeReason = $ExcludeReason
        Phase         = 'Discovery'
        Root          = $root
        Current       = $root
    }
}

function New-PesterShimNode {
    param([string] $Kind, [string] $Name, $Parent, [string[]] $Tag, [bool] $Skip, $Invocation)
    $path = @()
    if ($null -ne $Parent -and $Parent.Kind -ne 'Root') { $path = @($Parent.Path) }
    if ($Kind -ne 'Root') { $path = @($path) + @($Name) }
    $node = @{
        Kind = $Kind; Name = $Name; Parent = $Parent; Path = $path
        Tags = @($Tag | Where-Object { $_ }); Skip = $Skip; Error = $null; ScriptBlock = $null
        Children = [System.Collections.Generic.List[object]]::new()
        BeforeAll = [System.Collections.Generic.List[scriptblock]]::new()
        AfterAll = [System.Collections.Generic.List[scriptblock]]::new()
        BeforeEach = [System.Collections.Generic.List[scriptblock]]::new()
        AfterEach = [System.Collections.Generic.List[scriptblock]]::new()
        Line = 0; Column = 0; File = ''
    }
    if ($null -ne $Invocation) {
        $node.Line = $Invocation.ScriptLineNumber
        $node.Column = $Invocation.OffsetInLine
        $node.File = $Invocation.ScriptName
    }
    $node
}

function Format-PesterShimError {
    param($ErrorRecord)
    $text = "$($ErrorRecord.Exception.Message)"
    if ($ErrorRecord.FullyQualifiedErrorId -and $ErrorRecord.FullyQualifiedErrorId -ne 'PesterAssertionFailed') {
        $text += " [$($ErrorRecord.FullyQualifiedErrorId)]"
    }
    if ($ErrorRecord.InvocationInfo -and $ErrorRecord.InvocationInfo.PositionMessage) {
        $text += [Environment]::NewLine + $ErrorRecord.InvocationInfo.PositionMessage
    }
    if ($ErrorRecord.ScriptStackTrace) {
        $text += [Environment]::NewLine + $ErrorRecord.ScriptStackTrace
    }
    $text
}

function New-PesterShimUnsupported {
    param([string] $Feature)
    $ex = [System.NotSupportedException]::new("unsupported Pester feature: $Feature (the hosted runner implements only a subset of Pester 5; see tests/ComputeModule.Tests/PesterShim/README.md)")
    [System.Management.Automation.ErrorRecord]::new($ex, 'PesterShimUnsupportedFeature', [System.Management.Automation.ErrorCategory]::NotImplemented, $Feature)
}

# ---- blocks -------------------------------------------------------------------------------------

function Add-PesterShimBlock {
    param([string] $Kind, [string] $Name, [scriptblock] $Fixture, [string[]] $Tag, [bool] $Skip, [bool] $HasForEach, $Invocation)
    $st = $global:__PesterShimState
    if ($st.Phase -ne 'Discovery') { throw (New-PesterShimUnsupported "$Kind inside an It or a setup block") }
    $node = New-PesterShimNode -Kind $Kind -Name $Name -Parent $st.Current -Tag $Tag -Skip $Skip -Invocation $Invocation
    $null = $st.Current.Children.Add($node)
    if ($HasForEach) { $node.Error = (New-PesterShimUnsupported "$Kind -ForEach/-TestCases").Exception.Message; return }
    if ($null -eq $Fixture) { $node.Error = "$Kind '$Name' has no script block"; return }
    $parent = $st.Current
    $st.Current = $node
    try {
        $null = & $Fixture
    }
    catch {
        $node.Error = "$Kind '$Name' failed during discovery: " + (Format-PesterShimError $_)
    }
    finally {
        $st.Current = $parent
    }
}

function Describe {
    param(
        [Parameter(Mandatory = $true, Position = 0)] [string] $Name,
        [Parameter(Position = 1)] [scriptblock] $Fixture,
        [Alias('Tags')] [string[]] $Tag,
        [switch] $Skip,
        [Alias('TestCases')] [object[]] $ForEach
    )
    Add-PesterShimBlock -Kind 'Describe' -Name $Name -Fixture $Fixture -Tag $Tag -Skip $Skip.IsPresent -HasForEach $PSBoundParameters.ContainsKey('ForEach') -Invocation $MyInvocation
}

function Context {
    param(
        [Parameter(Mandatory = $true, Position = 0)] [string] $Name,
        [Parameter(Position = 1)] [scriptblock] $Fixture,
        [Alias('Tags')] [string[]] $Tag,
        [switch] $Skip,
        [Alias('TestCases')] [object[]] $ForEach
    )
    Add-PesterShimBlock -Kind 'Context' -Name $Name -Fixture $Fixture -Tag $Tag -Skip $Skip.IsPresent -HasForEach $PSBoundParameters.ContainsKey('ForEach') -Invocation $MyInvocation
}

function It {
    param(
        [Parameter(Mandatory = $true, Position = 0)] [string] $Name,
        [Parameter(Position = 1)] [scriptblock] $Test,
        [Alias('Tags')] [string[]] $Tag,
        [switch] $Skip,
        [switch] $Pending,
        [Alias('TestCases')] [object[]] $ForEach
    )
    $st = $global:__PesterShimState
    if ($st.Phase -ne 'Discovery') { throw (New-PesterShimUnsupported 'It inside an It or a setup block') }
    if ($st.Current.Kind -eq 'Root') { throw (New-PesterShimUnsupported 'It outside Describe') }
    $node = New-PesterShimNode -Kind 'It' -Name $Name -Parent $st.Current -Tag $Tag -Skip $Skip.IsPresent -Invocation $MyInvocation
    $node.ScriptBlock = $Test
    if ($PSBoundParameters.ContainsKey('ForEach')) { $node.Error = (New-PesterShimUnsupported 'It -ForEach/-TestCases').Exception.Message }
    elseif ($Pending) { $node.Error = (New-PesterShimUnsupported 'It -Pending').Exception.Message }
    elseif ($null -eq $Test) { $node.Error = "It '$Name' has no script block" }
    $null = $st.Current.Children.Add($node)
}

function Add-PesterShimSetup {
    param([string] $Kind, [scriptblock] $Block)
    $st = $global:__PesterShimState
    if ($st.Phase -ne 'Discovery') { throw (New-PesterShimUnsupported "$Kind inside an It or a setup block") }
    $null = $st.Current[$Kind].Add($Block)
}

function BeforeAll { param([Parameter(Mandatory = $true, Position = 0)] [scriptblock] $Scriptblock) Add-PesterShimSetup 'BeforeAll' $Scriptblock }
function AfterAll { param([Parameter(Mandatory = $true, Position = 0)] [scriptblock] $Scriptblock) Add-PesterShimSetup 'AfterAll' $Scriptblock }
function BeforeEach { param([Parameter(Mandatory = $true, Position = 0)] [scriptblock] $Scriptblock) Add-PesterShimSetup 'BeforeEach' $Scriptblock }
function AfterEach { param([Parameter(Mandatory = $true, Position = 0)] [scriptblock] $Scriptblock) Add-PesterShimSetup 'AfterEach' $Scriptblock }

# Pester commands outside the subset: each fails the test that reaches it.
function BeforeDiscovery { throw (New-PesterShimUnsupported 'BeforeDiscovery') }
function Mock { throw (New-PesterShimUnsupported 'Mock') }
function InModuleScope { throw (New-PesterShimUnsupported 'InModuleScope') }
function Assert-MockCalled { throw (New-PesterShimUnsupported 'Assert-MockCalled') }
function Assert-VerifiableMock { throw (New-PesterShimUnsupported 'Assert-VerifiableMock') }
function New-MockObject { throw (New-PesterShimUnsupported 'New-MockObject') }
function Set-ItResult { throw (New-PesterShimUnsupported 'Set-ItResult') }
function Set-TestInconclusive { throw (New-PesterShimUnsupported 'Set-TestInconclusive') }
function Add-ShouldOperator { throw (New-PesterShimUnsupported 'Add-ShouldOperator') }
function Get-ShouldOperator { throw (New-PesterShimUnsupported 'Get-ShouldOperator') }
function Invoke-Pester { throw (New-PesterShimUnsupported 'Invoke-Pester') }
function New-PesterConfiguration { throw (New-PesterShimUnsupported 'New-PesterConfiguration') }
function New-PesterContainer { throw (New-PesterShimUnsupported 'New-PesterContainer') }
function Export-NUnitReport { throw (New-PesterShimUnsupported 'Export-NUnitReport') }
function Export-JUnitReport { throw (New-PesterShimUnsupported 'Export-JUnitReport') }

# ---- Should -------------------------------------------------------------------------------------

function Should {
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline = $true)] $ActualValue,
        [Parameter(Position = 0)] [Alias('ExpectedType', 'RegularExpression')] $ExpectedValue,
        [switch] $Not,
        [switch] $Be, [switch] $BeExactly, [switch] $BeNullOrEmpty, [switch] $BeTrue, [switch] $BeFalse,
        [switch] $Throw, [switch] $HaveCount,
        [switch] $BeGreaterThan, [switch] $BeLessThan, [switch] $BeGreaterOrEqual, [switch] $BeLessOrEqual,
        [switch] $Match, [switch] $MatchExactly, [switch] $Contain, [switch] $BeIn, [switch] $BeOfType,
        [switch] $BeLike, [switch] $BeLikeExactly,
        [string] $Because, [string] $ExpectedMessage, [string] $ErrorId, [type] $ExceptionType, [switch] $PassThru,
        [Parameter(ValueFromRemainingArguments = $true)] $UnsupportedArguments
    )
    begin {
        $__PesterShim_items = [System.Collections.Generic.List[object]]::new()
    }
    process {
        $__PesterShim_items.Add($ActualValue)
    }
    end {
        $__PesterShim_operators = @('Be', 'BeExactly', 'BeNullOrEmpty', 'BeTrue', 'BeFalse', 'Throw', 'HaveCount', 'BeGreaterThan',
            'BeLessThan', 'BeGreaterOrEqual', 'BeLessOrEqual', 'Match', 'MatchExactly', 'Contain', 'BeIn', 'BeOfType',
            'BeLike', 'BeLikeExactly')
        if ($null -ne $UnsupportedArguments -and @($UnsupportedArguments).Count -gt 0) {
            $__PesterShim_first = @($UnsupportedArguments)[0]
            throw (New-PesterShimUnsupported "Should $__PesterShim_first")
        }
        $__PesterShim_chosen = @($__PesterShim_operators | Where-Object { $PSBoundParameters.ContainsKey($_) -and $PSBoundParameters[$_] })
        if ($__PesterShim_chosen.Count -ne 1) {
            throw (New-PesterShimUnsupported "Should with operators [$($__PesterShim_chosen -join ', ')] (exactly one supported operator is needed)")
        }
        $__PesterShim_op = $__PesterShim_chosen[0]
        $__PesterShim_hasExpected = $PSBoundParameters.ContainsKey('ExpectedValue')
        if ($__PesterShim_op -eq 'Throw' -and $__PesterShim_hasExpected -and -not $PSBoundParameters.ContainsKey('ExpectedMessage')) {
            $ExpectedMessage = [string] $ExpectedValue
        }
        $__PesterShim_arrayOperators = @('Be', 'BeExactly', 'BeNullOrEmpty', 'HaveCount', 'Contain')
        $__PesterShim_because = ''
        if ($Because) { $__PesterShim_because = " because $Because," }
        if ($__PesterShim_items.Count -eq 0) {
            Test-PesterShimAssertion -__PesterShim_Op $__PesterShim_op -__PesterShim_Actual $null -__PesterShim_Expected $ExpectedValue -__PesterShim_Negate $Not.IsPresent -__PesterShim_Because $__PesterShim_because -__PesterShim_ExpectedMessage $ExpectedMessage -__PesterShim_ErrorId $ErrorId -__PesterShim_ExceptionType $ExceptionType -__PesterShim_PassThru $PassThru.IsPresent
        }
        elseif ($__PesterShim_arrayOperators -contains $__PesterShim_op) {
            Test-PesterShimAssertion -__PesterShim_Op $__PesterShim_op -__PesterShim_Actual $__PesterShim_items.ToArray() -__PesterShim_Expected $ExpectedValue -__PesterShim_Negate $Not.IsPresent -__PesterShim_Because $__PesterShim_because -__PesterShim_ExpectedMessage $ExpectedMessage -__PesterShim_ErrorId $ErrorId -__PesterShim_ExceptionType $ExceptionType -__PesterShim_PassThru $PassThru.IsPresent
        }
        else {
            foreach ($__PesterShim_item in $__PesterShim_items) {
                Test-PesterShimAssertion -__PesterShim_Op $__PesterShim_op -__PesterShim_Actual $__PesterShim_item -__PesterShim_Expected $ExpectedValue -__PesterShim_Negate $Not.IsPresent -__PesterShim_Because $__PesterShim_because -__PesterShim_ExpectedMessage $ExpectedMessage -__PesterShim_ErrorId $ErrorId -__PesterShim_ExceptionType $ExceptionType -__PesterShim_PassThru $PassThru.IsPresent
            }
        }
    }
}

function Format-PesterShimValue {
    param($Value)
    if ($null -eq $Value) { return '$null' }
    if ($Value -is [string]) { return "'$Value'" }
    if ($Value -is [bool]) { return "`$$Value" }
    if ($Value -is [System.Collections.IEnumerable] -and $Value -isnot [System.Collections.IDictionary]) {
        $parts = @()
        $n = 0
        foreach ($v in $Value) {
            if ($n -ge 10) { $parts += '...'; break }
            $parts += (Format-PesterShimValue $v)
            $n++
        }
        return '@(' + ($parts -join ', ') + ')'
    }
    "$Value"
}

function Test-PesterShimIsNullOrEmptyArray {
    param([object[]] $Array)
    $null -eq $Array -or $Array.Count -eq 0 -or ($Array.Count -eq 1 -and $null -eq $Array[0])
}

function Test-PesterShimArraysEqual {
    param([object[]] $First, [object[]] $Second, [bool] $CaseSensitive, [int] $Depth = 0)
    if ($Depth -gt 50) { throw 'Should -Be: nesting too deep (cyclic arrays?)' }
    $firstEmpty = Test-PesterShimIsNullOrEmptyArray -Array @($First)
    $secondEmpty = Test-PesterShimIsNullOrEmptyArray -Array @($Second)
    if ($firstEmpty -or $secondEmpty) { return ($firstEmpty -and $secondEmpty) }
    if ($First.Count -ne $Second.Count) { return $false }
    for ($i = 0; $i -lt $First.Count; $i++) {
        $a = $First[$i]; $e = $Second[$i]
        if ($a -is [array] -or $e -is [array]) {
            if (-not (Test-PesterShimArraysEqual -First $a -Second $e -CaseSensitive $CaseSensitive -Depth ($Depth + 1))) { return $false }
        }
        elseif ($CaseSensitive) {
            if (-not ($e -ceq $a)) { return $false }
        }
        elseif (-not ($e -eq $a)) { return $false }
    }
    $true
}

function Test-PesterShimAssertion {
    param([string] $__PesterShim_Op, $__PesterShim_Actual, $__PesterShim_Expected, [bool] $__PesterShim_Negate, [string] $__PesterShim_Because, [string] $__PesterShim_ExpectedMessage,
        [string] $__PesterShim_ErrorId, [type] $__PesterShim_ExceptionType, [bool] $__PesterShim_PassThru)
    $__PesterShim_ok = $false
    $__PesterShim_description = ''
    switch ($__PesterShim_Op) {
        'Be' { $__PesterShim_ok = Test-PesterShimArraysEqual -First $__PesterShim_Actual -Second $__PesterShim_Expected -CaseSensitive $false; $__PesterShim_description = "to be $(Format-PesterShimValue $__PesterShim_Expected)" }
        'BeExactly' { $__PesterShim_ok = Test-PesterShimArraysEqual -First $__PesterShim_Actual -Second $__PesterShim_Expected -CaseSensitive $true; $__PesterShim_description = "to be exactly $(Format-PesterShimValue $__PesterShim_Expected)" }
        'BeNullOrEmpty' {
            $__PesterShim_arr = [object[]] @($__PesterShim_Actual)
            if ($null -eq $__PesterShim_Actual -or $__PesterShim_arr.Count -eq 0) { $__PesterShim_ok = $true }
            elseif ($__PesterShim_arr.Count -eq 1) {
                if ($__PesterShim_arr[0] -is [hashtable]) { $__PesterShim_ok = $__PesterShim_arr[0].Count -eq 0 } else { $__PesterShim_ok = [string]::IsNullOrEmpty($__PesterShim_arr[0]) }
            }
            $__PesterShim_description = 'to be $null or empty'
        }
        'BeTrue' { $__PesterShim_ok = [bool] $__PesterShim_Actual; $__PesterShim_description = 'to be $true' }
        'BeFalse' { $__PesterShim_ok = -not [bool] $__PesterShim_Actual; $__PesterShim_description = 'to be $false' }
        'HaveCount' {
            $__PesterShim_count = 0
            if ($null -ne $__PesterShim_Actual) { $__PesterShim_count = $__PesterShim_Actual.Count }
            $__PesterShim_ok = $__PesterShim_count -eq [int] $__PesterShim_Expected
            $__PesterShim_description = "to have count $__PesterShim_Expected (it has $__PesterShim_count)"
        }
        'BeGreaterThan' { $__PesterShim_ok = $__PesterShim_Actual -gt $__PesterShim_Expected; $__PesterShim_description = "to be greater than $(Format-PesterShimValue $__PesterShim_Expected)" }
        'BeLessThan' { $__PesterShim_ok = $__PesterShim_Actual -lt $__PesterShim_Expected; $__PesterShim_description = "to be less than $(Format-PesterShimValue $__PesterShim_Expected)" }
        'BeGreaterOrEqual' { $__PesterShim_ok = $__PesterShim_Actual -ge $__PesterShim_Expected; $__PesterShim_description = "to be greater than or equal to $(Format-PesterShimValue $__PesterShim_Expected)" }
        'BeLessOrEqual' { $__PesterShim_ok = $__PesterShim_Actual -le $__PesterShim_Expected; $__PesterShim_description = "to be less than or equal to $(Format-PesterShimValue $__PesterShim_Expected)" }
        'Match' { $__PesterShim_ok = [bool] ($__PesterShim_Actual -match $__PesterShim_Expected); $__PesterShim_description = "to match regex '$__PesterShim_Expected'" }
        'MatchExactly' { $__PesterShim_ok = [bool] ($__PesterShim_Actual -cmatch $__PesterShim_Expected); $__PesterShim_description = "to match regex '$__PesterShim_Expected' (case-sensitive)" }
        'BeLike' { $__PesterShim_ok = [bool] ($__PesterShim_Actual -like $__PesterShim_Expected); $__PesterShim_description = "to be like '$__PesterShim_Expected'" }
        'BeLikeExactly' { $__PesterShim_ok = [bool] ($__PesterShim_Actual -clike $__PesterShim_Expected); $__PesterShim_description = "to be like '$__PesterShim_Expected' (case-sensitive)" }
        'Contain' { $__PesterShim_ok = [bool] ($__PesterShim_Actual -contains $__PesterShim_Expected); $__PesterShim_description = "to contain $(Format-PesterShimValue $__PesterShim_Expected)" }
        'BeIn' { $__PesterShim_ok = [bool] ($__PesterShim_Expected -contains $__PesterShim_Actual); $__PesterShim_description = "to be in $(Format-PesterShimValue $__PesterShim_Expected)" }
        'BeOfType' {
            $__PesterShim_type = $__PesterShim_Expected
            if ($__PesterShim_type -is [string]) {
                $__PesterShim_type = ($__PesterShim_Expected -replace '^\[(.*)\]$', '$1') -as [type]
                if ($null -eq $__PesterShim_type) { throw "Should -BeOfType: could not find type [$__PesterShim_Expected]" }
            }
            $__PesterShim_ok = $__PesterShim_Actual -is $__PesterShim_type
            $__PesterShim_actualType = '$null'
            if ($null -ne $__PesterShim_Actual) { $__PesterShim_actualType = $__PesterShim_Actual.GetType().FullName }
            $__PesterShim_description = "to be of type [$__PesterShim_type] (it is [$__PesterShim_actualType])"
        }
        'Throw' {
            if ($__PesterShim_Actual -isnot [scriptblock]) { throw 'Should -Throw: the input must be a script block in { }' }
            $__PesterShim_thrown = $null
            try {
                do { $null = & $__PesterShim_Actual } until ($true)
            }
            catch {
                $__PesterShim_thrown = $_
            }
            if ($__PesterShim_Negate) {
                if ($null -ne $__PesterShim_thrown) {
                    throw (New-PesterShimFailure "Expected no exception to be thrown,$__PesterShim_Because but got: $($__PesterShim_thrown.Exception.Message) [$($__PesterShim_thrown.FullyQualifiedErrorId)]")
                }
                return
            }
            $__PesterShim_buts = @()
            if ($null -eq $__PesterShim_thrown) { $__PesterShim_buts += 'no exception was thrown' }
            else {
                if ($null -ne $__PesterShim_ExceptionType -and $__PesterShim_thrown.Exception -isnot $__PesterShim_ExceptionType) { $__PesterShim_buts += "the exception type was [$($__PesterShim_thrown.Exception.GetType().FullName)]" }
                if (-not [string]::IsNullOrWhiteSpace($__PesterShim_ExpectedMessage) -and -not ($__PesterShim_thrown.Exception.Message -like $__PesterShim_ExpectedMessage)) { $__PesterShim_buts += "the message was '$($__PesterShim_thrown.Exception.Message)'" }
                if (-not [string]::IsNullOrWhiteSpace($__PesterShim_ErrorId) -and -not ("$($__PesterShim_thrown.FullyQualifiedErrorId)" -like $__PesterShim_ErrorId)) { $__PesterShim_buts += "the FullyQualifiedErrorId was '$($__PesterShim_thrown.FullyQualifiedErrorId)'" }
            }
            if ($__PesterShim_buts.Count -gt 0) {
                $__PesterShim_filters = @()
                if ($null -ne $__PesterShim_ExceptionType) { $__PesterShim_filters += "type [$__PesterShim_ExceptionType]" }
                if ($__PesterShim_ExpectedMessage) { $__PesterShim_filters += "message like '$__PesterShim_ExpectedMessage'" }
                if ($__PesterShim_ErrorId) { $__PesterShim_filters += "FullyQualifiedErrorId like '$__PesterShim_ErrorId'" }
                $__PesterShim_with = ''
                if ($__PesterShim_filters.Count -gt 0) { $__PesterShim_with = ' with ' + ($__PesterShim_filters -join ' and ') }
                throw (New-PesterShimFailure "Expected an exception$__PesterShim_with to be thrown,$__PesterShim_Because but $($__PesterShim_buts -join ' and ').")
            }
            if ($__PesterShim_PassThru) { $__PesterShim_thrown }
            return
        }
        default { throw (New-PesterShimUnsupported "Should -$__PesterShim_Op") }
    }
    if ($__PesterShim_Negate) { $__PesterShim_ok = -not $__PesterShim_ok }
    if (-not $__PesterShim_ok) {
        $__PesterShim_not = ''
        if ($__PesterShim_Negate) { $__PesterShim_not = 'not ' }
        throw (New-PesterShimFailure "Expected $(Format-PesterShimValue $__PesterShim_Actual) ${__PesterShim_not}$__PesterShim_description,$__PesterShim_Because but it was$(if (-not $__PesterShim_Negate) { ' not' })." )
    }
}

function New-PesterShimFailure {
    param([string] $Message)
    [System.Management.Automation.ErrorRecord]::new([System.Exception]::new($Message), 'PesterAssertionFailed', [System.Management.Automation.ErrorCategory]::InvalidResult, $null)
}

# ---- run phase ----------------------------------------------------------------------------------

function Get-PesterShimSkipReason {
    # Why the node is skipped (its own or an ancestor's -Skip or excluded tag), or $null.
    param($Node)
    $st = $global:__PesterShimState
    $n = $Node
    while ($null -ne $n) {
        foreach ($t in $n.Tags) {
            if ($st.ExcludeTag -contains $t) {
                if ($null -ne $st.ExcludeReason -and $st.ExcludeReason.ContainsKey($t)) { return $st.ExcludeReason[$t] }
                return "excluded tag '$t'"
            }
        }
        if ($n.Skip) { return "-Skip on $($n.Kind) '$($n.Name)'" }
        $n = $n.Parent
    }
    $null
}

function Get-PesterShimIts {
    param($Node)
    foreach ($c in $Node.Children) {
        if ($c.Kind -eq 'It') { $c } else { Get-PesterShimIts $c }
    }
}

function Write-PesterShimResult {
    param($Node, [string] $Outcome, [string] $Message, [double] $Milliseconds)
    $global:__PesterShimState.Sink.RecordIt(($Node.Path -join ' > '), $Node.File, $Node.Line, $Node.Column, $Outcome, $Message, $Milliseconds)
}

function Write-PesterShimBlockError {
    param($Node, [string] $Message)
    $where = 'file'
    if ($Node.Kind -ne 'Root') { $where = "$($Node.Kind) '$($Node.Path -join ' > ')'" }
    $global:__PesterShimState.Sink.RecordBlockError("${where}: $Message")
}

function Invoke-PesterShimBlock {
    param($__PesterShimNode, [string] $__PesterShimInheritedFailure)
    $__PesterShimIts = @(Get-PesterShimIts $__PesterShimNode)
    $__PesterShimRunnable = @($__PesterShimIts | Where-Object { $null -eq (Get-PesterShimSkipReason $_) -and $null -eq $_.Error })
    $__PesterShimFailure = $__PesterShimInheritedFailure
    if (-not $__PesterShimFailure -and $__PesterShimNode.Error) { $__PesterShimFailure = $__PesterShimNode.Error }
    $__PesterShimRanSetup = $false
    if (-not $__PesterShimFailure -and $__PesterShimRunnable.Count -gt 0) {
        # Like Pester, BeforeAll runs only when some It below will run.
        $__PesterShimRanSetup = $true
        try {
            foreach ($__PesterShimBlock in $__PesterShimNode.BeforeAll) { $null = . $__PesterShimBlock }
        }
        catch {
            $__PesterShimFailure = "BeforeAll of $($__PesterShimNode.Kind) '$($__PesterShimNode.Name)' failed: " + (Format-PesterShimError $_)
        }
    }
    try {
        foreach ($__PesterShimChild in $__PesterShimNode.Children) {
            if ($__PesterShimChild.Kind -eq 'It') { Invoke-PesterShimIt $__PesterShimChild $__PesterShimFailure }
            else { Invoke-PesterShimBlock $__PesterShimChild $__PesterShimFailure }
        }
    }
    finally {
        if ($__PesterShimRanSetup) {
            foreach ($__PesterShimBlock in $__PesterShimNode.AfterAll) {
                try { $null = . $__PesterShimBlock }
                catch { Write-PesterShimBlockError $__PesterShimNode ("AfterAll failed: " + (Format-PesterShimError $_)) }
            }
        }
    }
}

function Get-PesterShimChain {
    param($Node)
    $chain = [System.Collections.Generic.List[object]]::new()
    $n = $Node.Parent
    while ($null -ne $n) { $chain.Insert(0, $n); $n = $n.Parent }
    , $chain
}

function Invoke-PesterShimIt {
    param($__PesterShimIt, [string] $__PesterShimInheritedFailure)
    $__PesterShimReason = Get-PesterShimSkipReason $__PesterShimIt
    if ($null -ne $__PesterShimReason) { Write-PesterShimResult $__PesterShimIt 'Skipped' $__PesterShimReason 0; return }
    if ($__PesterShimIt.Error) { Write-PesterShimResult $__PesterShimIt 'Failed' $__PesterShimIt.Error 0; return }
    if ($__PesterShimInheritedFailure) { Write-PesterShimResult $__PesterShimIt 'Failed' $__PesterShimInheritedFailure 0; return }
    $__PesterShimChain = Get-PesterShimChain $__PesterShimIt
    $__PesterShimWatch = [System.Diagnostics.Stopwatch]::StartNew()
    $__PesterShimErrorsBefore = $global:Error.Count
    $__PesterShimMessage = $null
    try {
        foreach ($__PesterShimBlock in $__PesterShimChain) {
            foreach ($__PesterShimSb in $__PesterShimBlock.BeforeEach) { $null = . $__PesterShimSb }
        }
        $null = . $__PesterShimIt.ScriptBlock
    }
    catch {
        $__PesterShimMessage = Format-PesterShimError $_
    }
    finally {
        for ($__PesterShimI = $__PesterShimChain.Count - 1; $__PesterShimI -ge 0; $__PesterShimI--) {
            foreach ($__PesterShimSb in $__PesterShimChain[$__PesterShimI].AfterEach) {
                try { $null = . $__PesterShimSb }
                catch { if (-not $__PesterShimMessage) { $__PesterShimMessage = 'AfterEach failed: ' + (Format-PesterShimError $_) } }
            }
        }
    }
    $__PesterShimWatch.Stop()
    if ($null -eq $__PesterShimMessage) {
        Write-PesterShimResult $__PesterShimIt 'Passed' '' $__PesterShimWatch.Elapsed.TotalMilliseconds
    }
    else {
        # Non-terminating errors written during the It do not fail it (as in Pester) but help explain a failure.
        $__PesterShimNew = $global:Error.Count - $__PesterShimErrorsBefore
        if ($__PesterShimNew -gt 1) {
            $__PesterShimMessage += [Environment]::NewLine + 'Other errors recorded during this It (newest first):'
            for ($__PesterShimI = 1; $__PesterShimI -lt [Math]::Min($__PesterShimNew, 4); $__PesterShimI++) {
                $__PesterShimMessage += [Environment]::NewLine + '  - ' + "$($global:Error[$__PesterShimI])"
            }
        }
        Write-PesterShimResult $__PesterShimIt 'Failed' $__PesterShimMessage $__PesterShimWatch.Elapsed.TotalMilliseconds
    }
}

function Invoke-PesterShimFile {
    # Discovery (runs the file and the Describe/Context bodies), then the run phase.
    param([string] $Path)
    $st = $global:__PesterShimState
    try {
        $null = & $Path
    }
    catch {
        $st.Root.Error = 'the file failed during discovery: ' + (Format-PesterShimError $_)
        Write-PesterShimBlockError $st.Root $st.Root.Error
    }
    foreach ($its in @(Get-PesterShimIts $st.Root)) {
        $st.Sink.RecordDiscovered(($its.Path -join ' > '), $its.File, $its.Line, $its.Column)
    }
    $st.Phase = 'Run'
    Invoke-PesterShimBlock $st.Root $null
}
