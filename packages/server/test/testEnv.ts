export const TEST_ROLE_PASSWORDS = { app: 'hetki_app_test_password', system: 'hetki_system_test_password' };
