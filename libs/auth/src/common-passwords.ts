// Passwords people choose most often, shipped with the project (no network at check time): the head
// of the public lists of leaked passwords (NCSC's "100k most used", SecLists' top lists), their
// Spanish and French counterparts, and the words of this platform and its demo. A password that is
// one of these, whatever its case, is refused. Only passwords of 12 characters or more reach this
// check, so the short classics ("123456") are stopped by the length rule first.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  [
    '123456789012', '1234567890123', '12345678910', '123456123456', '123123123123', '111111111111', '000000000000',
    '123456654321', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'qwertyuiopas', 'qwertyuiop12', 'qwerty123456', 'qwertyqwerty',
    'asdfghjkl123', 'zxcvbnm12345', 'password1234', 'password12345', 'password123!', 'passwordpassword',
    'password2024', 'password2025', 'password2026', 'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234', 'iloveyou1234',
    'letmein12345', 'welcome12345', 'welcome2024!', 'welcome2025!', 'welcome2026!', 'administrator', 'administrador',
    'admin1234567', 'adminadmin12', 'changeme1234', 'changemenow!', 'trustno1trustno1', 'football1234', 'baseball1234',
    'superman1234', 'sunshine1234', 'princess1234', 'dragon123456', 'monkey123456', 'starwars1234', 'whatever1234',
    'abcdefghijkl', 'abcd12345678', 'abc123456789', 'aaaaaaaaaaaa', 'qqqqqqqqqqqq', 'contraseña123', 'contrasena123',
    'contraseña1234', 'contrasena1234', 'micontraseña', 'micontrasena', 'mipassword123', 'teamo1234567', 'teamomucho12',
    'guatemala123', 'guatemala1234', 'mexico123456', 'honduras1234', 'elsalvador12', 'costarica123', 'nicaragua123',
    'panama123456', 'dominicana12', 'canada123456', 'america12345', 'estadosunidos', 'fiscalia1234', 'fiscalia2026',
    'cancilleria1', 'cancilleria123', 'ministerio12', 'ministeriopublico', 'justicia1234', 'seguridad123', 'migracion123',
    'motdepasse12', 'motdepasse123', 'motdepasse1234', 'azertyuiop12', 'azerty123456', 'bonjour12345', 'soleil123456',
    'enlace-demo', 'enlacedemo12', 'enlace123456', 'enlace2026!!', 'enlace-demo-2026', 'demo12345678', 'demodemo1234',
    'test12345678', 'testtest1234', 'prueba123456', 'pruebaprueba', 'usuario12345', 'usuario123456', 'secret123456',
    'secreto12345', 'mypassword12', 'mypassword123', 'newpassword1', 'newpassword123', 'nuevacontraseña', 'nuevacontrasena',
    'correctHorseBatteryStaple', 'correcthorsebatterystaple', 'qazwsxedcrfv', '!qaz2wsx3edc', 'zaq12wsxcde3', '1234qwerasdf',
    'q1w2e3r4t5y6', 'a1b2c3d4e5f6', 'iloveyou123!', 'loveyou12345', 'happy1234567', 'summer123456', 'winter123456',
  ].map((p) => p.toLowerCase()),
);
