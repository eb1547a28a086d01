# The module's manifest, as edited by hand. build.ps1 -Task Layout generates the shipped manifest from it
# (out/ComputeModule/<version>/ComputeModule.psd1: the version of Directory.Build.props and the
# PSCommand_ tags galleries index) and checks that one with Test-ModuleManifest. Test-ModuleManifest of this
# file itself fails: the dll and format file it names are build outputs (bin/, out/), not sources.
@{
    RootModule             = 'ComputeModule.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '6f1c2a7e-3b8d-4f5a-9c1e-2d7b4a8e5f31'
    Author                 = 'ComputeModule contributors'
    CompanyName            = 'ComputeModule contributors'
    Copyright              = '(c) ComputeModule contributors. All rights reserved.'
    Description            = 'Binary cmdlets for OpenStack Nova compatible compute clouds (OpenStack Nova v2/v2.1, Rackspace Cloud Servers 2.0 with scheduled images, HP Cloud Compute v1.1): servers, images, image metadata and image schedules.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    FormatsToProcess       = @('ComputeModule.Format.ps1xml')
    CmdletsToExport        = @(
        'Connect-ComputeService'
        'Disconnect-ComputeService'
        'Get-ComputeConnection'
        'Get-ComputeServer'
        'Get-ComputeImage'
        'New-ComputeImage'
        'Remove-ComputeImage'
        'Get-ComputeImageMetadata'
        'Set-ComputeImageMetadata'
        'Remove-ComputeImageMetadata'
        'Enable-ComputeImageSchedule'
        'Get-ComputeImageSchedule'
        'Disable-ComputeImageSchedule'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('OpenStack', 'Nova', 'Compute', 'Rackspace', 'HPCloud', 'Cloud', 'Images', 'Snapshots', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = '0.1.0: connections (Keystone v2.0/v3, API keys, tokens, OS_* variables), servers, images (snapshots), image metadata and scheduled images.'
        }
    }
}
