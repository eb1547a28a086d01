// placeholder: replaced by the emulator implementation
return 0;
