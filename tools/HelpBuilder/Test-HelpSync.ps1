<#
.SYNOPSIS
    Checks that docs/cmdlets agrees with the cmdlets' real parameter metadata.
.DESCRIPTION
    For every command the module exports: a page exists; the page's parameter sets (SYNTAX headings) and the
    default set match; every parameter is documented and no documented parameter is missing from the code;
    and each parameter's type, aliases, sets, Required, Position and pipeline input match its yaml block.
    Prints one line per difference and exits 1 when there is any. Needs no cloud. From the repository root,
    after `dotnet pwsh ./build.ps1 -Task Build, Layout`:
        dotnet pwsh -NoProfile -File tools/HelpBuilder/Test-HelpSync.ps1
    The acceptance suite (tests/Pester/Output.Tests.ps1) runs it in the session that imported the module.
.PARAMETER ModulePath
    The ComputeModule.psd1 to check; default: the one already imported, else $env:COMPUTE_MODULE_PATH, else
    the laid-out module out/ComputeModule/<version>/ComputeModule.psd1 (the newest version there).
#>
param(
    [string]$ModulePath = $env:COMPUTE_MODULE_PATH,
    [string]$DocsPath = [System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'docs', 'cmdlets')
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module ComputeModule)) {
    if (-not $ModulePath) {
        $laidOut = [System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'ComputeModule')
        $ModulePath = Get-ChildItem -Path $laidOut -Filter ComputeModule.psd1 -Recurse -Depth 1 -ErrorAction SilentlyContinue |
            Sort-Object { [version]$_.Directory.Name } -Descending | Select-Object -First 1 -ExpandProperty FullName
        if (-not $ModulePath) { throw "No ComputeModule to check: pass -ModulePath, set COMPUTE_MODULE_PATH, or run ./build.ps1 -Task Build, Layout." }
    }
    # A full path: Import-Module takes 'out/ComputeModule/...' (no leading ./) for a module name.
    Import-Module ([System.IO.Path]::GetFullPath([System.IO.Path]::Combine((Get-Location).ProviderPath, $ModulePath)))
}
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$problems = [System.Collections.Generic.List[string]]::new()
function Problem([string]$text) { $problems.Add($text) }

function Read-Page([string]$path) {
    $lines = [System.IO.File]::ReadAllLines($path)
    $page = @{ Sets = [System.Collections.Generic.List[string]]::new(); Default = $null; Params = @{} }
    $h2 = ''; $param = $null; $inYaml = $false; $block = $null
    foreach ($line in $lines) {
        if ($inYaml) {
            if ($line.StartsWith('```')) { $inYaml = $false; $page.Params[$param].Add($block); continue }
            $i = $line.IndexOf(':')
            if ($i -gt 0) { $block[$line.Substring(0, $i).Trim()] = $line.Substring($i + 1).Trim() }
            continue
        }
        if ($line.StartsWith('## ')) { $h2 = $line.Substring(3).Trim(); $param = $null; continue }
        if ($line.StartsWith('### ')) {
            $h3 = $line.Substring(4).Trim()
            if ($h2 -eq 'SYNTAX') {
                $name = $h3 -replace '\s*\(Default\)$', ''
                $page.Sets.Add($name)
                if ($h3 -match '\(Default\)$') { $page.Default = $name }
            }
            elseif ($h2 -eq 'PARAMETERS' -and $h3.StartsWith('-')) {
                $param = $h3.Substring(1)
                $page.Params[$param] = [System.Collections.Generic.List[hashtable]]::new()
            }
            continue
        }
        if ($param -and $line.StartsWith('```yaml')) { $inYaml = $true; $block = @{}; continue }
    }
    $page
}

function Sorted([string[]]$items) {
    if (-not $items) { return @() }
    [Array]::Sort($items, [StringComparer]::OrdinalIgnoreCase)
    $items
}

function TypeName([type]$t) {
    $u = [Nullable]::GetUnderlyingType($t)
    if ($u) { $t = $u }
    $t.FullName
}

$commands = Get-Command -Module ComputeModule -CommandType Cmdlet
foreach ($cmd in $commands) {
    $file = [System.IO.Path]::Combine($DocsPath, "$($cmd.Name).md")
    if (-not [System.IO.File]::Exists($file)) { Problem "$($cmd.Name): no page $file"; continue }
    $page = Read-Page $file
    $n = $cmd.Name

    $codeSets = @($cmd.ParameterSets | ForEach-Object Name)
    $docSets = @($page.Sets)
    if ($codeSets.Count -eq 1 -and $codeSets[0] -eq '__AllParameterSets') { $codeSets = @('__AllParameterSets') }
    foreach ($s in $codeSets) { if ($docSets -notcontains $s) { Problem "${n}: parameter set '$s' has no SYNTAX section (page has: $($docSets -join ', '))" } }
    foreach ($s in $docSets) { if ($codeSets -notcontains $s) { Problem "${n}: SYNTAX section '$s' is not a parameter set of the cmdlet (code has: $($codeSets -join ', '))" } }
    $default = ($cmd.ParameterSets | Where-Object IsDefault | ForEach-Object Name)
    if ($codeSets.Count -gt 1 -and $page.Default -ne $default) { Problem "${n}: default set is '$default', the page marks '$($page.Default)'" }

    $codeParams = @($cmd.Parameters.Values | Where-Object { $common -notcontains $_.Name })
    foreach ($p in $codeParams) {
        if (-not $page.Params.ContainsKey($p.Name)) { Problem "${n}: -$($p.Name) is not documented"; continue }
        $blocks = $page.Params[$p.Name]
        if ($blocks.Count -eq 0) { Problem "${n}: -$($p.Name) has no yaml block"; continue }
        $docType = $blocks[0]['Type']
        if ($docType -ne (TypeName $p.ParameterType)) { Problem "${n}: -$($p.Name) type is $(TypeName $p.ParameterType), the page says $docType" }
        $codeAliases = (Sorted @($p.Aliases)) -join ', '
        $docAliases = (Sorted @(@($blocks[0]['Aliases'] -split ',') | ForEach-Object { $_.Trim() } | Where-Object { $_ })) -join ', '
        if ($codeAliases -ne $docAliases) { Problem "${n}: -$($p.Name) aliases are '$codeAliases', the page says '$docAliases'" }

        # Per set: which yaml block covers it, and do Required/Position/pipeline agree?
        $covered = @{}
        foreach ($b in $blocks) {
            foreach ($s in @($b['Parameter Sets'] -split ',' | ForEach-Object { $_.Trim() })) {
                $key = if ($s -eq '(All)') { '__AllParameterSets' } else { $s }
                $covered[$key] = $b
            }
        }
        foreach ($entry in $p.ParameterSets.GetEnumerator()) {
            $set = $entry.Key; $meta = $entry.Value
            $b = if ($covered.ContainsKey($set)) { $covered[$set] } elseif ($covered.ContainsKey('__AllParameterSets')) { $covered['__AllParameterSets'] } else { $null }
            if (-not $b) { Problem "${n}: -$($p.Name) is in set '$set' but its yaml does not list it"; continue }
            $req = if ($meta.IsMandatory) { 'True' } else { 'False' }
            if ($b['Required'] -ne $req) { Problem "${n}: -$($p.Name) [$set] Required is $req, the page says $($b['Required'])" }
            $pos = if ($meta.Position -eq [int]::MinValue) { 'Named' } else { [string]$meta.Position }
            if ($b['Position'] -ne $pos) { Problem "${n}: -$($p.Name) [$set] Position is $pos, the page says $($b['Position'])" }
            $kinds = @()
            if ($meta.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
            if ($meta.ValueFromPipeline) { $kinds += 'ByValue' }
            $pipe = if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
            if ($b['Accept pipeline input'] -ne $pipe) { Problem "${n}: -$($p.Name) [$set] pipeline input is '$pipe', the page says '$($b['Accept pipeline input'])'" }
        }
        foreach ($s in $covered.Keys) {
            if ($s -ne '__AllParameterSets' -and -not $p.ParameterSets.ContainsKey($s) -and -not $p.ParameterSets.ContainsKey('__AllParameterSets')) {
                Problem "${n}: -$($p.Name) yaml lists set '$s', the code does not put it there"
            }
        }
    }
    foreach ($name in $page.Params.Keys) {
        if ($name -in 'WhatIf', 'Confirm') {
            if (-not $cmd.Parameters.ContainsKey($name)) { Problem "${n}: documents -$name but does not support ShouldProcess" }
            continue
        }
        if (-not $cmd.Parameters.ContainsKey($name)) { Problem "${n}: documents -$name, which the cmdlet does not have" }
    }
    if ($cmd.Parameters.ContainsKey('WhatIf') -and -not $page.Params.ContainsKey('WhatIf')) { Problem "${n}: supports -WhatIf/-Confirm but the page does not document them" }
}

foreach ($f in [System.IO.Directory]::GetFiles($DocsPath, '*-*.md')) {
    $base = [System.IO.Path]::GetFileNameWithoutExtension($f)
    if (-not ($commands | Where-Object Name -eq $base)) { Problem "${base}.md: the module exports no such cmdlet" }
}

if ($problems.Count) {
    $problems | ForEach-Object { "MISMATCH $_" }
    "$($problems.Count) difference(s) between docs/cmdlets and the code."
    exit 1
}
"docs/cmdlets agrees with the parameters of $($commands.Count) cmdlets."
exit 0
